package dev.lossservice.trivial;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Spring Boot itself costs per request: the web starter with Boot's defaults, and one POST
 * endpoint that binds a cross-entropy body with plain Jackson data binding and answers a constant.
 * The ceiling that scripts/bench-http.sh measures the service's seed request against; not part of
 * the service.
 */
@SpringBootApplication
public class TrivialEndpointApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrivialEndpointApplication.class, args);
    }

    /** The seed request's shape: {@code {"logits": [[...], ...], "target": [...]}}. */
    record Body(double[][] logits, int[] target) {}

    /** The constant answer. */
    record Received(boolean received) {}

    @RestController
    static class TrivialController {

        private static final Received RECEIVED = new Received(true);

        @PostMapping("/trivial")
        Received trivial(@RequestBody Body body) {
            return RECEIVED;
        }
    }
}
