package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Body of {@code POST /softmax}, as read and checked by {@link SoftmaxRequestReader}. */
@Schema(description = "Row-wise softmax(logits / temperature), optionally with a backward pass.")
public record SoftmaxRequest(
        @Schema(description = "Scores, N x C.", requiredMode = RequiredMode.REQUIRED) Matrix logits,
        @Schema(
                        description = "T > 0: computes softmax(logits / T).",
                        minimum = "0",
                        exclusiveMinimum = true,
                        defaultValue = "1",
                        requiredMode = RequiredMode.NOT_REQUIRED)
                double temperature,
        @Schema(
                        description =
                                "g, N x C: when given, the response holds the vector-Jacobian"
                                        + " product that probabilities.backward(g) puts in"
                                        + " logits.grad.")
                Matrix upstreamGradient) {}
