package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.TensorRoles.AnyShape;
import dev.lossservice.loss.TensorRoles.BroadcastWeights;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.ValueRule;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /loss/bce}. Exactly one of {@code probabilities} and {@code logits}, and
 * exactly one of {@code target} and {@code targetClasses}, is non-null once validated.
 */
@CrossFieldRules(BceRules.class)
@Schema(
        description =
                "Inputs of torch.nn.BCELoss (probabilities) or torch.nn.BCEWithLogitsLoss (logits).")
public record BceRequest(
        @TensorShape(
                        minRank = 0,
                        maxRank = TensorShape.RANK_LIMIT,
                        emptyDimensions = true,
                        values = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "A tensor of any rank (a bare number is 0-d), each in [0, 1]:"
                                        + " BCELoss semantics, each log clamped at -100. Exactly"
                                        + " one of probabilities and logits.")
                Tensor probabilities,
        @AnyShape
                @Schema(
                        description =
                                "A tensor of any rank (a bare number is 0-d): BCEWithLogitsLoss"
                                        + " semantics (numerically stable). Exactly one of"
                                        + " probabilities and logits.")
                Tensor logits,
        @TensorShape(
                        minRank = 0,
                        maxRank = TensorShape.RANK_LIMIT,
                        emptyDimensions = true,
                        warnUnless = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "The input's shape. Values outside [0, 1] are taken as PyTorch"
                                        + " takes them, with a warning. Exactly one of target and"
                                        + " targetClasses.")
                Tensor target,
        @Schema(
                        description =
                                "Only with 2-D input: the class index of each sample in [0, C),"
                                        + " one-hot encoded as the target (the sigmoid multi-class"
                                        + " recipe).")
                int[] targetClasses,
        @BroadcastWeights
                @Schema(
                        description =
                                "Element weights, of any shape that broadcasts to the input's"
                                        + " (NumPy's rules: a number, [1], [C], [N][1], [1][C],"
                                        + " the full shape ...). Negative values are taken as"
                                        + " PyTorch takes them, with a warning.")
                Tensor weight,
        @BroadcastWeights
                @Schema(
                        description =
                                "Only with logits: weight of the positive term, of any shape that"
                                        + " broadcasts to the input's, the last dimension being"
                                        + " the class dimension (number[C] for number[N][C])."
                                        + " Negative values are taken, with a warning.")
                Tensor posWeight,
        @Schema(description = "mean (when absent) divides the loss sum by the number of elements.")
                Reduction reduction,
        @AnyShape
                @Schema(
                        description =
                                "u: the gradient is then what loss.backward(u) puts in input.grad."
                                        + " For reduction none, the shape of the element losses"
                                        + " (the input's); for mean and sum, a number (1 when"
                                        + " absent).")
                Tensor upstreamGradient) {

    /** The options as the core takes them, weights broadcast to the input, mean by default. */
    BinaryCrossEntropy.Options options() {
        return BinaryCrossEntropy.Options.broadcast(
                weight == null ? null : weight.values(),
                weight == null ? null : weight.shape(),
                posWeight == null ? null : posWeight.values(),
                posWeight == null ? null : posWeight.shape(),
                reductionOrDefault(),
                input().shape());
    }

    Reduction reductionOrDefault() {
        return reduction == null ? Reduction.MEAN : reduction;
    }

    /** The probabilities or the logits, whichever was sent. */
    Tensor input() {
        return logits != null ? logits : probabilities;
    }

    /** The target's values in the input's order; one-hot rows for {@code targetClasses}. */
    double[] targetValues() {
        if (target != null) {
            return target.values();
        }
        int columns = input().columns();
        double[] oneHot = new double[targetClasses.length * columns];
        for (int n = 0; n < targetClasses.length; n++) {
            oneHot[n * columns + targetClasses[n]] = 1.0;
        }
        return oneHot;
    }
}
