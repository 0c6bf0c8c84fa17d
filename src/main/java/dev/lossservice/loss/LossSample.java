package dev.lossservice.loss;

/**
 * One entry of an answer's {@code samples}: whatever else it holds, its loss, PyTorch's {@code
 * reduction='none'} value, which the {@code .npz} answer gathers into {@code losses}.
 */
public interface LossSample {

    double loss();
}
