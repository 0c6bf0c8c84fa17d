package dev.lossservice.web;

import dev.lossservice.core.Reduction;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /loss/bce}, as read and checked by {@link BceRequestReader}. Exactly one of
 * {@code probabilities} and {@code logits}, and exactly one of {@code target} and {@code
 * targetClasses}, is non-null.
 */
@Schema(
        description =
                "Inputs of torch.nn.BCELoss (probabilities) or torch.nn.BCEWithLogitsLoss (logits).")
public record BceRequest(
        @Schema(
                        description =
                                "number[N] or number[N][C], each in [0, 1]: BCELoss semantics,"
                                        + " each log clamped at -100. Exactly one of"
                                        + " probabilities and logits.")
                Tensor probabilities,
        @Schema(
                        description =
                                "number[N] or number[N][C]: BCEWithLogitsLoss semantics"
                                        + " (numerically stable). Exactly one of probabilities and"
                                        + " logits.")
                Tensor logits,
        @Schema(
                        description =
                                "Same shape as the input, each in [0, 1]. Exactly one of target"
                                        + " and targetClasses.")
                Tensor target,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description =
                                                "Only with 2-D input: the class index of each"
                                                        + " sample in [0, C), one-hot encoded as"
                                                        + " the target (the sigmoid multi-class"
                                                        + " recipe)."),
                        schema = @Schema(type = "integer", format = "int32"),
                        minItems = 1)
                int[] targetClasses,
        @Schema(
                        description =
                                "Element weights, each >= 0: number[C] broadcast over rows, or the"
                                        + " input's shape (for 1-D input: number[N]).")
                Tensor weight,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description =
                                                "Only with logits: weight of the positive term per"
                                                        + " class, each >= 0; length C (for 1-D"
                                                        + " input: N, or 1 to broadcast)."),
                        schema = @Schema(type = "number", format = "double", minimum = "0"))
                double[] posWeight,
        @Schema(
                        type = "string",
                        allowableValues = {"mean", "sum", "none"},
                        defaultValue = "mean",
                        description = "mean divides the loss sum by the number of elements.")
                Reduction reduction) {}
