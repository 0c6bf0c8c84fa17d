package dev.lossservice.softmax;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.Softmax;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.LossResponse;
import dev.lossservice.loss.LossResults;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Answer of {@code POST /softmax}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "probabilities",
    "logProbabilities",
    "logSumExp",
    "predictedClass",
    "undefinedReason",
    "gradient",
    "steps"
})
public record SoftmaxResponse(
        @Schema(
                        description = "softmax(logits / T) along dim, the logits' shape.",
                        requiredMode = RequiredMode.REQUIRED)
                Tensor probabilities,
        @Schema(
                        description = "log_softmax(logits / T) along dim, the logits' shape.",
                        requiredMode = RequiredMode.REQUIRED)
                Tensor logProbabilities,
        @JsonInclude(JsonInclude.Include.ALWAYS)
                @Schema(
                        description =
                                "logsumexp(logits / T) along dim: the logits' shape without dim"
                                        + " (number[N] for number[N][C], a number for a vector)."
                                        + " null where dim has size 0 (PyTorch: -Infinity).",
                        requiredMode = RequiredMode.REQUIRED,
                        nullable = true)
                Object logSumExp,
        @JsonInclude(JsonInclude.Include.ALWAYS)
                @Schema(
                        description =
                                "First index of the maximum along dim, as torch.argmax; the shape"
                                        + " of logSumExp. null where dim has size 0 (no maximum).",
                        requiredMode = RequiredMode.REQUIRED,
                        nullable = true)
                Object predictedClass,
        @Schema(description = "Present exactly when logSumExp and predictedClass are null: why.")
                String undefinedReason,
        @Schema(
                        description =
                                "Only with upstreamGradient g (upstreamLogGradient g): what"
                                        + " probabilities.backward(g)"
                                        + " (logProbabilities.backward(g)) puts in logits.grad,"
                                        + " the logits' shape; left out with ?gradient=false.")
                Tensor gradient,
        @Schema(description = LossResponse.STEPS_DESCRIPTION) List<Step> steps,
        @JsonIgnore @Schema(hidden = true) Softmax.AlongDim result)
        implements NumpyArrays {

    static final String EMPTY_DIM =
            "dim has size 0: the log-sum-exp over no element is -Infinity in PyTorch, and there"
                    + " is no maximum to take the index of";

    /**
     * As {@code .npz}: {@code probabilities} and {@code logProbabilities} (the logits' shape),
     * {@code logSumExp} and {@code predictedClass} ({@code <i8}) in the logits' shape without dim,
     * absent where JSON has null (dim of size 0), {@code gradient} when present.
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        npz.tensor("probabilities", probabilities);
        npz.tensor("logProbabilities", logProbabilities);
        if (undefinedReason == null) {
            Tensor logSumExpTensor = (Tensor) logSumExp;
            npz.tensor("logSumExp", logSumExpTensor);
            npz.integers("predictedClass", result.predictedClass(), logSumExpTensor.shape());
        }
        if (gradient != null) {
            npz.tensor("gradient", gradient);
        }
    }

    /**
     * @param gradient the vector-Jacobian product, or null when there is none to return
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static SoftmaxResponse of(Softmax.AlongDim result, double[] gradient, List<Step> steps) {
        // Finite logits over a tiny temperature can overflow logits / T.
        LossResults.requireFinite(result.probabilities(), "probabilities");
        LossResults.requireFinite(result.logProbabilities(), "logProbabilities");
        int[] shape = result.shape();
        int dim = result.dim();
        boolean emptyDim = shape.length > 0 && shape[dim] == 0;
        // The shape of logSumExp and predictedClass: the logits' without dim.
        int[] reduced = new int[Math.max(shape.length - 1, 0)];
        for (int d = 0, r = 0; d < shape.length; d++) {
            if (d != dim) {
                reduced[r++] = shape[d];
            }
        }
        Object logSumExp;
        Object predictedClass;
        if (emptyDim) {
            logSumExp = nulls(reduced, 0);
            predictedClass = nulls(reduced, 0);
        } else {
            LossResults.requireFinite(result.logSumExp(), "logSumExp");
            logSumExp = new Tensor(result.logSumExp(), reduced);
            predictedClass = indices(result.predictedClass(), reduced);
        }
        return new SoftmaxResponse(
                new Tensor(result.probabilities(), shape),
                new Tensor(result.logProbabilities(), shape),
                logSumExp,
                predictedClass,
                emptyDim ? EMPTY_DIM : null,
                gradient == null ? null : finite(new Tensor(gradient, shape)),
                steps,
                result);
    }

    private static Tensor finite(Tensor gradient) {
        LossResults.requireFinite(gradient.values(), "gradient");
        return gradient;
    }

    /**
     * Class indices in {@code shape}: an {@code int[]} for rank 1 (as version 1 wrote them), a
     * number for rank 0, nested lists above.
     */
    private static Object indices(int[] values, int[] shape) {
        if (shape.length == 0) {
            return values[0];
        }
        if (shape.length == 1) {
            return values;
        }
        return nested(values, shape, 0, 0);
    }

    private static Object nested(int[] values, int[] shape, int dimension, int offset) {
        int stride = 1;
        for (int d = dimension + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        if (dimension == shape.length - 1) {
            return Arrays.copyOfRange(values, offset, offset + shape[dimension]);
        }
        List<Object> list = new ArrayList<>(shape[dimension]);
        for (int i = 0; i < shape[dimension]; i++) {
            list.add(nested(values, shape, dimension + 1, offset + i * stride));
        }
        return list;
    }

    /** Nulls in {@code shape}: null itself for rank 0. */
    private static Object nulls(int[] shape, int dimension) {
        if (dimension == shape.length) {
            return null;
        }
        List<Object> list = new ArrayList<>(shape[dimension]);
        for (int i = 0; i < shape[dimension]; i++) {
            list.add(nulls(shape, dimension + 1));
        }
        return list;
    }
}
