package dev.lossservice.loss;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.Reduction;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The fields every loss response shares, declared once with their documentation: the response
 * records of cross-entropy, NLL and BCE implement it, and Jackson and springdoc read the
 * annotations from here, the order of the members included (BCE's adds {@code mode}). {@link
 * LossResults} decides their values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "loss",
    "lossUndefinedReason",
    "reduction",
    "lossSum",
    "denominator",
    "samples",
    "gradient",
    "gradientUndefinedReason",
    "warnings",
    "steps"
})
public interface LossResponse {

    /** The documentation of {@code steps}, shared with the answers that are not losses. */
    String STEPS_DESCRIPTION =
            "Only with ?explain=true: the computation as the tutorial does it by hand, in order."
                    + " Each step's numpy is one Python expression over np, the request's fields"
                    + " (tensors as NumPy arrays, None when absent; ignoreIndex -100,"
                    + " labelSmoothing 0.0, reduction 'mean', temperature 1.0, dim -1 when"
                    + " absent) and the earlier steps' names; evaluated in order, the expressions"
                    + " reproduce every value to 1e-12.";

    @JsonProperty
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            description =
                    "The reduced loss; null for reduction none, and for mean when denominator is 0"
                            + " (see lossUndefinedReason).",
            nullable = true,
            requiredMode = RequiredMode.REQUIRED)
    Double loss();

    @JsonProperty
    @Schema(description = "Present exactly when loss is null: why.")
    String lossUndefinedReason();

    @JsonProperty
    @Schema(
            description = "The reduction applied.",
            implementation = Reduction.class,
            requiredMode = RequiredMode.REQUIRED)
    String reduction();

    @JsonProperty
    @Schema(description = "Sum of the per-sample losses.", requiredMode = RequiredMode.REQUIRED)
    double lossSum();

    @JsonProperty
    @Schema(
            description =
                    "What mean divides by: the total target-class weight of the samples not"
                            + " ignored for class indices, N for probability targets, the"
                            + " element count for BCE.",
            requiredMode = RequiredMode.REQUIRED)
    double denominator();

    @JsonProperty
    @Schema(description = "Per-sample breakdown; left out with ?samples=false.")
    List<?> samples();

    /**
     * Inputs that PyTorch accepts but that are probably mistakes, or null (left out) when there are
     * none.
     */
    @JsonProperty
    @Schema(
            description =
                    "Inputs that PyTorch accepts but that are probably mistakes (probability"
                            + " targets outside [0, 1], negative weights): one entry per kind and"
                            + " field, naming the first such position. Absent when there are"
                            + " none.")
    default List<Warning> warnings() {
        return null;
    }
}
