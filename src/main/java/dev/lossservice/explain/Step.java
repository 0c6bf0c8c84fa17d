package dev.lossservice.explain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * One step of an explained computation, as the tutorial does it by hand in NumPy.
 *
 * @param name the step's name, by which later steps' {@code numpy} refer to its value
 * @param formula the step in the notation of the API documentation, for reading
 * @param numpy one Python expression over {@code np}, the request's fields by their JSON names
 *     (tensors as NumPy arrays, {@code None} when absent, scalars with their defaults filled in)
 *     and the earlier steps' names, that computes {@code value}
 * @param value the step's value: a number (rank 0) or nested arrays
 */
@Schema(name = "ExplainStep", description = "One step of the computation (?explain=true).")
@JsonPropertyOrder({"name", "formula", "numpy", "value"})
public record Step(
        @Schema(requiredMode = RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = RequiredMode.REQUIRED) String formula,
        @Schema(requiredMode = RequiredMode.REQUIRED) String numpy,
        @Schema(requiredMode = RequiredMode.REQUIRED) Tensor value) {}
