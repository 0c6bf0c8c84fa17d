package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Body of {@code POST /loss/nll}, as read and checked by {@link NllRequestReader}. */
@Schema(description = "Inputs of torch.nn.NLLLoss.")
public record NllRequest(
        @Schema(
                        description =
                                "Log-probabilities, N x C; any finite values, as PyTorch does not"
                                        + " check normalisation.",
                        requiredMode = RequiredMode.REQUIRED)
                Matrix logProbabilities,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description =
                                                "Class index of each sample, in [0, C) or equal to"
                                                        + " ignoreIndex.",
                                        requiredMode = RequiredMode.REQUIRED),
                        schema = @Schema(type = "integer", format = "int32"),
                        minItems = 1)
                int[] target,
        @ArraySchema(
                        arraySchema = @Schema(description = "Class weights, length C, each >= 0."),
                        schema = @Schema(type = "number", format = "double", minimum = "0"))
                double[] weight,
        @Schema(
                        description = "Target value whose samples are skipped.",
                        defaultValue = "-100",
                        requiredMode = RequiredMode.NOT_REQUIRED)
                int ignoreIndex,
        @Schema(
                        type = "string",
                        allowableValues = {"mean", "sum", "none"},
                        defaultValue = "mean",
                        description =
                                "mean divides the loss sum by the total target-class weight of"
                                        + " the samples not ignored.")
                Reduction reduction) {}
