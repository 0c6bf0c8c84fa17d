package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.ops.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The request limits over a real Tomcat port: what the container does with a body it is told not to
 * read is what matters here, and a mock request has no container.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "loss-service.limits.max-request-body=256KB",
            "loss-service.limits.heavy-request-threshold=16KB",
            "loss-service.limits.max-concurrent-heavy-requests=1",
            "loss-service.limits.heavy-request-wait=50ms",
            "loss-service.limits.retry-after=2s",
            "loss-service.limits.request-deadline=1500ms",
            "loss-service.limits.drain-timeout=1s"
        })
@Import(RequestLimitsEndToEndTests.TestEndpoints.class)
class RequestLimitsEndToEndTests {

    private static final long LIMIT = 256 * 1024;

    /** Far over the limit, and over Tomcat's default swallow size of 2 MB. */
    private static final long HUGE = 100L * 1024 * 1024;

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void releaseBlockedRequests() {
        TestEndpoints.release.countDown();
    }

    @Test
    void declaredContentLengthOverTheLimitIsAnsweredWith413BeforeTheBodyIsRead()
            throws IOException {
        int echoCallsBefore = TestEndpoints.echoCalls.get();
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-echo", "Content-Length: " + HUGE),
                        RawHttp.fixedBody(HUGE),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-echo");
        assertThat(TestEndpoints.echoCalls.get())
                .as("the controller never ran")
                .isEqualTo(echoCallsBefore);
        assertThat(response.bodyBytesWritten()).isLessThan(HUGE);
    }

    /** The drain bound, max-drained-body, is four times the body limit by default. */
    private static final long DRAINED = 4 * LIMIT;

    @Test
    void clientThatWritesItsWholeBodyBeforeReadingStillReadsThe413() throws IOException {
        RawHttp.Response response =
                RawHttp.exchangeWritingFirst(
                        port,
                        post("/loss/test-echo", "Content-Length: " + DRAINED),
                        RawHttp.fixedBody(DRAINED),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-echo");
    }

    @Test
    void clientThatWritesItsWholeChunkedBodyBeforeReadingStillReadsThe413() throws IOException {
        RawHttp.Response response =
                RawHttp.exchangeWritingFirst(
                        port,
                        post("/loss/test-echo", "Transfer-Encoding: chunked"),
                        RawHttp.chunkedBody(DRAINED - 64 * 1024),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-echo");
    }

    @Test
    void drainOfABodyThatKeepsTricklingStopsAtTheDrainTimeoutAndClosesTheConnection()
            throws IOException {
        long started = System.nanoTime();
        AtomicLong failedAfterMillis = new AtomicLong(-1);
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-echo", "Content-Length: " + DRAINED),
                        out -> {
                            RawHttp.fixedBody(2 * LIMIT).write(out);
                            try {
                                for (int i = 0; i < 400; i++) {
                                    out.write('1');
                                    out.flush();
                                    sleep(50);
                                }
                            } catch (IOException e) {
                                failedAfterMillis.set(millisSince(started));
                                throw e;
                            }
                        },
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-echo");
        assertThat(response.writeError()).as("the server closed the connection").isNotNull();
        assertThat(failedAfterMillis.get())
                .as("closed about drain-timeout (1 s) after the answer, not after 20 s of trickle")
                .isBetween(0L, 8_000L);
    }

    @Test
    void chunkedBodyOverTheLimitIsAnsweredWith413InsteadOfAResetConnection() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-echo", "Transfer-Encoding: chunked"),
                        RawHttp.chunkedBody(HUGE),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-echo");
    }

    @Test
    void chunkedBodyOverTheLimitIsAnsweredWith413EvenWhenTheReaderWrapsTheException()
            throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-wrapping-echo", "Transfer-Encoding: chunked"),
                        RawHttp.chunkedBody(HUGE),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/loss/test-wrapping-echo");
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-echo", "Transfer-Encoding: chunked"),
                        RawHttp.chunkedBody(LIMIT),
                        Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":" + LIMIT + "}");
    }

    @Test
    void contentLengthOverTheLimitIsRefusedOnEveryPathNotOnlyTheComputingOnes() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/actuator/health", "Content-Length: " + (LIMIT + 1)),
                        RawHttp.fixedBody(LIMIT + 1),
                        Duration.ofSeconds(30));

        assertLimitProblem(response, "/actuator/health");
    }

    @Test
    void heavyRequestOverTheConcurrencyCapIsAnswered503WithRetryAfterWhileLightOnesAreServed()
            throws Exception {
        TestEndpoints.release = new CountDownLatch(1);
        TestEndpoints.blocked = new CountDownLatch(1);
        String heavyBody = "[" + "1,".repeat(10_000) + "1]";
        CompletableFuture<HttpResponse<String>> first =
                http.sendAsync(jsonPost("/loss/test-block", heavyBody), ofString());
        assertThat(TestEndpoints.blocked.await(10, TimeUnit.SECONDS))
                .as("the first heavy request holds the only permit")
                .isTrue();

        HttpResponse<String> refused =
                http.send(jsonPost("/loss/test-echo", heavyBody), ofString());
        HttpResponse<String> light = http.send(jsonPost("/loss/test-echo", "[1,2,3]"), ofString());
        HttpResponse<String> liveness =
                http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/livez")).build(), ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body())
                .contains("\"status\":503", "\"limit\":\"max-concurrent-heavy-requests\"");
        assertThat(light.statusCode()).isEqualTo(200);
        assertThat(light.body()).isEqualTo("{\"bytes\":7}");
        assertThat(liveness.statusCode()).isEqualTo(200);

        TestEndpoints.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> afterwards =
                http.send(jsonPost("/loss/test-echo", heavyBody), ofString());
        assertThat(afterwards.statusCode()).as("the permit was given back").isEqualTo(200);
    }

    @Test
    void bodySentSlowerThanTheDeadlineIsAnswered408() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        post("/loss/test-echo", "Content-Length: 100"),
                        out -> {
                            for (int i = 0; i < 100; i++) {
                                out.write('1');
                                out.flush();
                                sleep(100);
                            }
                        },
                        Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":408", "request-deadline");
    }

    private static void assertLimitProblem(RawHttp.Response response, String path) {
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.body())
                .contains(
                        "\"type\":\"urn:loss-service:problem:limit-exceeded\"",
                        "\"status\":413",
                        "\"limit\":\"max-request-body\"",
                        "\"limitValue\":" + LIMIT,
                        "\"instance\":\"" + path + "\"")
                .doesNotContain("Exception", "at dev.", "111,");
    }

    private static String post(String path, String lengthHeader) {
        return "POST "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + lengthHeader
                + "\r\n\r\n";
    }

    private HttpRequest jsonPost(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Endpoints under the gated paths that only exist in this test. */
    @RestController
    static class TestEndpoints {

        static final AtomicInteger echoCalls = new AtomicInteger();
        static volatile CountDownLatch release = new CountDownLatch(0);
        static volatile CountDownLatch blocked = new CountDownLatch(0);

        @PostMapping("/loss/test-echo")
        Map<String, Long> echo(InputStream body) throws IOException {
            echoCalls.incrementAndGet();
            return Map.of("bytes", body.transferTo(OutputStreamSink.INSTANCE));
        }

        /** Like a JSON parser that reports every read failure as its own exception. */
        @PostMapping("/loss/test-wrapping-echo")
        Map<String, Long> wrappingEcho(InputStream body) {
            try {
                return Map.of("bytes", body.transferTo(OutputStreamSink.INSTANCE));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("could not parse the body", e);
            }
        }

        @PostMapping("/loss/test-block")
        Map<String, Long> block(InputStream body) throws IOException, InterruptedException {
            long bytes = body.transferTo(OutputStreamSink.INSTANCE);
            blocked.countDown();
            release.await(20, TimeUnit.SECONDS);
            return Map.of("bytes", bytes);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
