package dev.lossservice.numpy;

import static dev.lossservice.numpy.MultipartForm.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.limits.HeavyRequestGate;
import dev.lossservice.ops.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request limits hold for multipart bodies as they hold for JSON, on the real endpoints over a
 * real port: the body limit (declared and counted), the element limits (checked from a {@code .npy}
 * header before its array is made), the heavy-request gate and the request deadline.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "loss-service.limits.max-request-body=256KB",
            "loss-service.limits.max-tensor-elements=100",
            "loss-service.limits.max-request-elements=150",
            "loss-service.limits.heavy-request-threshold=16KB",
            "loss-service.limits.max-concurrent-heavy-requests=1",
            "loss-service.limits.heavy-request-wait=50ms",
            "loss-service.limits.retry-after=2s",
            "loss-service.limits.request-deadline=3s",
            "loss-service.limits.drain-timeout=1s"
        })
class NumpyTransportLimitsEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long BODY_LIMIT = 256 * 1024;

    @LocalServerPort int port;

    @Autowired HeavyRequestGate gate;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void partOverTheTensorLimitIs413NamingTheLimitAndThePart() throws Exception {
        HttpResponse<String> response =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.doubles(new double[110], 11, 10))
                                .file("target", NumpyFiles.longs(new long[11], 11))
                                .bytes());

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("limit").asString()).isEqualTo("max-tensor-elements");
        assertThat(problem.get("limitValue").asLong()).isEqualTo(100);
        assertThat(problem.get("detail").asString()).contains("/logits");
    }

    @Test
    void partsOverTheRequestLimitAre413NamingTheLimit() throws Exception {
        byte[] eighty = NumpyFiles.doubles(new double[80], 8, 10);

        HttpResponse<String> response =
                post(
                        "/softmax",
                        form().file("logits", eighty).file("upstreamGradient", eighty).bytes());

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("limit").asString()).isEqualTo("max-request-elements");
    }

    @Test
    void aHeaderThatDeclaresMoreThanTheLimitIsNeverBelievedOverItsData() throws Exception {
        // 1000 x 1000 declared, 96 bytes sent: the lie is a 400, not a 413 or an allocation.
        HttpResponse<String> response =
                post(
                        "/loss/cross-entropy",
                        form().file(
                                        "logits",
                                        NumpyFiles.file(
                                                "<f8", new int[] {1000, 1000}, new byte[96]))
                                .file("target", NumpyFiles.longs(new long[3], 3))
                                .bytes());

        assertThat(assertProblem(response, 400).at("/errors/0/pointer").asString())
                .isEqualTo("/logits");
    }

    @Test
    void declaredBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> response =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", new byte[(int) BODY_LIMIT]).bytes());

        assertThat(assertProblem(response, 413).get("limit").asString())
                .isEqualTo("max-request-body");
    }

    @Test
    void chunkedBodyOverTheLimitIs413WhileTheReaderReadsIt() throws IOException {
        byte[] head =
                ("--"
                                + MultipartForm.BOUNDARY
                                + "\r\nContent-Disposition: form-data;"
                                + " name=\"logits\"; filename=\"logits.npy\"\r\n\r\n")
                        .getBytes();
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        head("Transfer-Encoding: chunked"),
                        out -> {
                            RawHttp.writeChunk(out, head);
                            byte[] chunk = new byte[16 * 1024];
                            for (int i = 0; i < 32; i++) {
                                RawHttp.writeChunk(out, chunk);
                            }
                        },
                        Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("\"limit\":\"max-request-body\"");
    }

    @Test
    void bodySentSlowerThanTheDeadlineIs408() throws IOException {
        byte[] body =
                form().file("logits", NumpyFiles.doubles(new double[12], 3, 4))
                        .file("target", NumpyFiles.longs(new long[3], 3))
                        .bytes();
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        head("Content-Length: " + body.length),
                        out -> {
                            for (byte b : body) {
                                out.write(b);
                                out.flush();
                                sleep(10);
                            }
                        },
                        Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("request-deadline");
    }

    @Test
    void heavyMultipartRequestOverTheConcurrencyCapIs503() throws Exception {
        // 40 x 100 logits: 32 KB of .npy, over the 16 KB heavy-request threshold.
        double[] values = new double[4000];
        Arrays.fill(values, 0.5);
        byte[] heavy =
                form().file("logits", NumpyFiles.doubles(Arrays.copyOf(values, 100), 10, 10))
                        .file("target", NumpyFiles.longs(new long[10], 10))
                        .file("weight", NumpyFiles.doubles(values, 4000))
                        .bytes();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<RawHttp.Response> first =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return RawHttp.exchange(
                                        port,
                                        head("Content-Length: " + heavy.length),
                                        out -> {
                                            out.write(heavy, 0, 1000);
                                            out.flush();
                                            await(release);
                                            out.write(heavy, 1000, heavy.length - 1000);
                                        },
                                        Duration.ofSeconds(30));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.active() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(gate.active()).as("the stalled request holds the only permit").isEqualTo(1);

        HttpResponse<String> refused = post("/loss/cross-entropy", heavy);

        release.countDown();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.body()).contains("\"limit\":\"max-concurrent-heavy-requests\"");
        // The first one went on to be read, and was answered (its 4000 weights are over the
        // tensor limit); its permit was given back.
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(413);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(gate.active()).isZero();
    }

    private String head(String lengthHeader) {
        return "POST /loss/cross-entropy HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + MultipartForm.contentType()
                + "\r\n"
                + lengthHeader
                + "\r\n\r\n";
    }

    private HttpResponse<String> post(String path, byte[] body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", MultipartForm.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
