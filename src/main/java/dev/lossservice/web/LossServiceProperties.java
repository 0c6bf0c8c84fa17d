package dev.lossservice.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the loss service, under the prefix {@code loss-service}.
 *
 * @param maxElements most numbers one request body may hold, over all its arrays together; a 1024 x
 *     1000 cross-entropy request with probability targets holds 2,048,000
 * @param maxFieldProblems most entries in the {@code errors} array of one 400 answer
 */
@ConfigurationProperties("loss-service")
public record LossServiceProperties(
        @DefaultValue("2097152") long maxElements, @DefaultValue("20") int maxFieldProblems) {

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public LossServiceProperties {
        if (maxElements < 1) {
            throw new IllegalArgumentException(
                    "loss-service.max-elements must be at least 1, got " + maxElements);
        }
        if (maxFieldProblems < 1) {
            throw new IllegalArgumentException(
                    "loss-service.max-field-problems must be at least 1, got " + maxFieldProblems);
        }
    }
}
