package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cross-origin calls are refused unless their origin is configured. */
class CorsTests {

    /** Preflight a browser would send before a JSON POST from {@code origin}. */
    static HttpResponse<String> preflight(int port, String origin) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/loss/test-cors"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", origin)
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    // A test component: only in the applications that import it, not in every other test's
    // (nor in the OpenAPI document and Swagger UI those tests check).
    @RestController
    @TestComponent
    static class TestEndpoint {
        @PostMapping("/loss/test-cors")
        String ok() {
            return "{}";
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
    @Import(TestEndpoint.class)
    class ByDefault {

        @LocalServerPort int port;

        @Test
        void preflightFromAnyOriginIsRefused() throws Exception {
            HttpResponse<String> response = preflight(port, "https://evil.example");

            // Without Access-Control-Allow-Origin the browser does not send the request.
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = WebEnvironment.RANDOM_PORT,
            properties = "loss-service.cors.allowed-origins=https://notebook.example")
    @Import(TestEndpoint.class)
    class WithAnAllowedOrigin {

        @LocalServerPort int port;

        @Test
        void preflightFromThatOriginIsAllowed() throws Exception {
            HttpResponse<String> response = preflight(port, "https://notebook.example");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://notebook.example");
        }

        @Test
        void preflightFromAnotherOriginIsStillRefused() throws Exception {
            HttpResponse<String> response = preflight(port, "https://evil.example");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }
}
