package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.ops.RawHttp;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that sends part of a body and then goes silent (slowloris) holds a thread only until
 * Tomcat's read times out, well before the request deadline: it is answered 408 as a problem, over
 * a real socket. The connection timeout is shortened here so that the test takes seconds (with the
 * default 10 s the answer came after 20.1 s, with 2 s after 4.1 s: about two timed-out reads).
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "server.tomcat.connection-timeout=1s",
            "loss-service.limits.request-deadline=60s"
        })
class StalledBodyEndToEndTests {

    @LocalServerPort int port;

    @Test
    void bodyThatStopsArrivingIsAnswered408LongBeforeTheDeadline() throws IOException {
        long start = System.nanoTime();
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        "POST /loss/cross-entropy HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n",
                        out -> {
                            out.write("{\"logits\":".getBytes());
                            out.flush();
                        },
                        Duration.ofSeconds(30));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":408");
        assertThat(elapsed)
                .as("answered by the read timeout, not the 60 s deadline")
                .isLessThan(Duration.ofSeconds(15));
    }
}
