package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
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
        @TensorShape(minRank = 1, maxRank = 2, values = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "number[N] or number[N][C], each in [0, 1]: BCELoss semantics,"
                                        + " each log clamped at -100. Exactly one of"
                                        + " probabilities and logits.")
                Tensor probabilities,
        @TensorShape(minRank = 1, maxRank = 2)
                @Schema(
                        description =
                                "number[N] or number[N][C]: BCEWithLogitsLoss semantics"
                                        + " (numerically stable). Exactly one of probabilities and"
                                        + " logits.")
                Tensor logits,
        @TensorShape(minRank = 1, maxRank = 2, values = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "The input's shape, each in [0, 1]. Exactly one of target and"
                                        + " targetClasses.")
                Tensor target,
        @Schema(
                        description =
                                "Only with 2-D input: the class index of each sample in [0, C),"
                                        + " one-hot encoded as the target (the sigmoid multi-class"
                                        + " recipe).")
                int[] targetClasses,
        @TensorShape(minRank = 1, maxRank = 2, values = ValueRule.NON_NEGATIVE)
                @Schema(
                        description =
                                "Element weights, each >= 0: number[C] broadcast over rows, or the"
                                        + " input's shape (for 1-D input: number[N]).")
                Tensor weight,
        @TensorShape(minRank = 1, maxRank = 1, values = ValueRule.NON_NEGATIVE)
                @Schema(
                        description =
                                "Only with logits: weight of the positive term per class, each >="
                                        + " 0; number[C] (for 1-D input: number[N], or [1] to"
                                        + " broadcast).")
                Tensor posWeight,
        @Schema(description = "mean (when absent) divides the loss sum by the number of elements.")
                Reduction reduction) {

    /** The options as the core takes them, mean when no reduction is given. */
    BinaryCrossEntropy.Options options() {
        return new BinaryCrossEntropy.Options(
                weight == null ? null : weight.values(),
                posWeight == null ? null : posWeight.values(),
                reduction == null ? Reduction.MEAN : reduction);
    }

    /** The probabilities or the logits, whichever was sent. */
    Tensor input() {
        return logits != null ? logits : probabilities;
    }

    /** The target as the input's matrix; one-hot rows for {@code targetClasses}. */
    Matrix targetMatrix() {
        if (target != null) {
            return target.toMatrix();
        }
        int columns = input().columns();
        Matrix oneHot = Matrix.zeros(targetClasses.length, columns);
        for (int n = 0; n < targetClasses.length; n++) {
            oneHot.values()[n * columns + targetClasses[n]] = 1.0;
        }
        return oneHot;
    }
}
