package dev.lossservice.ops;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to the computing endpoints, under {@code loss-service.cors}. Off unless
 * origins are listed: browsers on other origins then get no {@code Access-Control-Allow-Origin}.
 *
 * @param allowedOrigins origins (e.g. {@code https://notebook.example.org}) or origin patterns
 *     (e.g. {@code https://*.example.org}) allowed to call {@code POST /loss/**} and {@code
 *     /softmax}; empty by default
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("loss-service.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
