package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Body of {@code POST /loss/cross-entropy}, as read and checked by {@link
 * CrossEntropyRequestReader}; absent optional fields hold their defaults.
 */
@Schema(description = "Inputs of torch.nn.CrossEntropyLoss.")
public record CrossEntropyRequest(
        @Schema(
                        description = "Unnormalised scores, N x C with N >= 1 and C >= 1.",
                        requiredMode = RequiredMode.REQUIRED)
                Matrix logits,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description =
                                                "Class index of each sample, in [0, C) or equal to"
                                                        + " ignoreIndex. Exactly one of target and"
                                                        + " targetProbabilities."),
                        schema = @Schema(type = "integer", format = "int32"),
                        minItems = 1)
                int[] target,
        @Schema(
                        description =
                                "Soft targets, N x C, each in [0, 1]; rows need not sum to 1, as"
                                        + " in PyTorch. Exactly one of target and"
                                        + " targetProbabilities.")
                Matrix targetProbabilities,
        @ArraySchema(
                        arraySchema = @Schema(description = "Class weights, length C, each >= 0."),
                        schema = @Schema(type = "number", format = "double", minimum = "0"))
                double[] weight,
        @Schema(
                        description = "Target value whose samples are skipped; only with target.",
                        defaultValue = "-100",
                        requiredMode = RequiredMode.NOT_REQUIRED)
                int ignoreIndex,
        @Schema(
                        description = "Label smoothing e: mixes the target with uniform 1/C.",
                        minimum = "0",
                        maximum = "1",
                        defaultValue = "0",
                        requiredMode = RequiredMode.NOT_REQUIRED)
                double labelSmoothing,
        @Schema(
                        type = "string",
                        allowableValues = {"mean", "sum", "none"},
                        defaultValue = "mean",
                        description =
                                "mean divides the loss sum by the total target-class weight of"
                                        + " the samples not ignored (by N for targetProbabilities).")
                Reduction reduction) {}
