package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request in flight when the process gets SIGTERM is completed before the process exits. Runs the
 * service in a forked JVM ({@link SlowRequestApplication}: the service plus a test-only slow
 * endpoint) because only a real process can be sent a real signal.
 */
class GracefulShutdownIT {

    @Test
    void requestInFlightWhenSigtermArrivesCompletesWith200AndTheProcessExits() throws Exception {
        try (ForkedService service = ForkedService.start()) {
            int port = service.awaitPort();
            CompletableFuture<HttpResponse<String>> inFlight =
                    HttpClient.newHttpClient()
                            .sendAsync(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/test/slow?millis=3000"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            service.awaitLine("SLOW-REQUEST-STARTED", Duration.ofSeconds(30));
            long signalled = System.nanoTime();
            service.sigterm();

            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"sleptMillis\":3000}");
            assertThat(service.awaitExit(Duration.ofSeconds(30)))
                    .as("exit code: 128 + SIGTERM")
                    .isEqualTo(143);
            assertThat(Duration.ofNanos(System.nanoTime() - signalled))
                    .as("the process waited for the request instead of dropping it")
                    .isGreaterThan(Duration.ofMillis(1500));
            assertThat(service.output())
                    .contains("Commencing graceful shutdown", "Graceful shutdown complete");
        }
    }
}
