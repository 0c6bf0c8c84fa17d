package dev.lossservice.bce;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** Which input a BCE answer was computed on: the {@code mode} of {@link BceResponse}. */
@Schema(
        name = "BceMode",
        enumAsRef = true,
        description =
                "Which input BCE was computed on: probabilities (BCELoss) or logits"
                        + " (BCEWithLogitsLoss).")
public enum BceMode {
    PROBABILITIES("probabilities"),
    LOGITS("logits");

    private final String json;

    BceMode(String json) {
        this.json = json;
    }

    /** The name in JSON, as the request field that was sent. */
    @JsonValue
    public String json() {
        return json;
    }
}
