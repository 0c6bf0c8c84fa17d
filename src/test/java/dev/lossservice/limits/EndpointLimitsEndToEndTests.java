package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.ops.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits as the real endpoints and their streaming reader enforce them, over a real port: the
 * element limits while parsing, Jackson's parser constraints, the body limit under the reader.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "loss-service.limits.max-request-body=64KB",
            "loss-service.limits.max-tensor-elements=100",
            "loss-service.limits.max-request-elements=150"
        })
class EndpointLimitsEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void arrayOverTheTensorLimitIs413NamingTheLimitAndTheArray() throws Exception {
        HttpResponse<String> response =
                post("/loss/cross-entropy", "{\"logits\":[" + numbers(101) + "],\"target\":[0]}");

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("limit").asString()).isEqualTo("max-tensor-elements");
        assertThat(problem.get("limitValue").asLong()).isEqualTo(100);
        assertThat(problem.get("detail").asString()).contains("/logits");
    }

    @Test
    void requestOverTheRequestLimitIs413NamingTheLimit() throws Exception {
        HttpResponse<String> response =
                post(
                        "/softmax",
                        "{\"logits\":["
                                + numbers(80)
                                + "],\"upstreamGradient\":["
                                + numbers(80)
                                + "]}");

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("limit").asString()).isEqualTo("max-request-elements");
        assertThat(problem.get("limitValue").asLong()).isEqualTo(150);
    }

    @Test
    void nestingDeeperThanTheParserAllowsIs400() throws Exception {
        String deep = "[".repeat(40) + "]".repeat(40);

        HttpResponse<String> response = post("/softmax", "{\"logits\":" + deep + "}");

        // The parser's limit (16), not the reader's shape check, is what refuses it.
        assertThat(assertProblem(response, 400).get("type").asString())
                .isEqualTo("urn:loss-service:problem:malformed-json");
    }

    @Test
    void numberLongerThanTheParserAllowsIs400() throws Exception {
        String longNumber = "0." + "1".repeat(300);

        HttpResponse<String> response = post("/softmax", "{\"logits\":[[" + longNumber + ",1]]}");

        // Jackson's default limit (1000) would have let this valid number through.
        assertThat(assertProblem(response, 400).get("type").asString())
                .isEqualTo("urn:loss-service:problem:malformed-json");
    }

    @Test
    void chunkedBodyOverTheBodyLimitIs413FromInsideTheReader() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        "POST /loss/nll HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n",
                        out -> {
                            byte[] start =
                                    "{\"logProbabilities\":[["
                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            // Whitespace: no element limit stops it, only the byte count.
                            byte[] chunk =
                                    " "
                                            .repeat(16384)
                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            RawHttp.writeChunk(out, start);
                            for (int i = 0; i < 1000; i++) {
                                RawHttp.writeChunk(out, chunk);
                            }
                        },
                        Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"limit\":\"max-request-body\"");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "1111111111");
        return problem;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String numbers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Integer.toString(i % 7))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
