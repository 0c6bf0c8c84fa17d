package dev.lossservice.request;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the loss service, under the prefix {@code loss-service}.
 *
 * @param maxFieldProblems most entries in the {@code errors} array of one 400 answer
 */
@ConfigurationProperties("loss-service")
public record LossServiceProperties(@DefaultValue("20") int maxFieldProblems) {

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public LossServiceProperties {
        if (maxFieldProblems < 1) {
            throw new IllegalArgumentException(
                    "loss-service.max-field-problems must be at least 1, got " + maxFieldProblems);
        }
    }
}
