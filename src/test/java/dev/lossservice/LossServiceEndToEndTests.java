package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application over a real port: what only a running servlet container shows (the status
 * line, headers and bodies as a client receives them).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LossServiceEndToEndTests {

    /** The seed request, as the OpenAPI document and the container check send it. */
    private static final String SEED = WebTestSupport.example("cross-entropy-seed");

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @LocalServerPort private int port;

    @Autowired private JsonMapper applicationMapper;

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void seedExampleGivesThePyTorchLossOverHttp() throws Exception {
        HttpResponse<String> response =
                send(
                        request("/loss/cross-entropy")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(SEED)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = mapper.readTree(response.body());
        // PyTorch 1.13 float64: F.cross_entropy of the seed example
        assertThat(body.get("loss").doubleValue()).isEqualTo(2.0373472850337726);
        assertThat(body.get("samples")).hasSize(3);
    }

    @Test
    void responsesAreWrittenWithTheFastDoubleWriter() {
        // application.properties: spring.jackson.write.use-fast-double-writer=true
        assertThat(applicationMapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
    }

    @Test
    void jacksonBuffersArePooledPerThread() {
        // request.WebConfiguration: Jackson's shared deque pool cost more per request
        assertThat(applicationMapper.tokenStreamFactory().rebuild().recyclerPool())
                .isSameAs(JsonRecyclerPools.threadLocalPool());
    }

    @Test
    void unknownPathGives404ProblemJson() throws Exception {
        assertProblem(send(request("/loss/hinge").GET()), 404);
    }

    @Test
    void wrongMethodGives405ProblemJson() throws Exception {
        HttpResponse<String> response = send(request("/softmax").GET());
        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void otherContentTypeGives415ProblemJson() throws Exception {
        assertProblem(
                send(
                        request("/loss/cross-entropy")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(SEED))),
                415);
    }

    @Test
    void malformedJsonGives400ProblemJson() throws Exception {
        JsonNode problem =
                assertProblem(
                        send(
                                request("/loss/nll")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"logProb"))),
                        400);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:malformed-json");
    }

    @Test
    void aClientAskingForTheErrorPathGets404ProblemJson() throws Exception {
        assertProblem(send(request("/error").GET()), 404);
    }

    @Test
    void anUndecodableQueryStringGives400ProblemJson() throws Exception {
        // java.net.URI refuses "%zz", so this request is written by hand.
        String body = "{\"logits\": [[1, 2]], \"target\": [0]}";
        String request =
                "POST /loss/cross-entropy?samples=%zz HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: "
                        + body.length()
                        + "\r\n"
                        + "Connection: close\r\n\r\n"
                        + body;
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("Content-Type: application/problem+json");
        assertThat(response).doesNotContain("%zz").doesNotContain("Exception");
    }

    @Test
    void oddHeadersAndMethodsNeverGiveA5xx() throws Exception {
        String body = "{\"logits\": [[1, 2]], \"target\": [0]}";
        List<String[]> variants =
                List.of(
                        new String[] {"POST", "application/json; charset=nonsense", "*/*"},
                        new String[] {"POST", "application/json;;", "*/*"},
                        new String[] {"POST", "*/*", "*/*"},
                        new String[] {"POST", "garbage", "*/*"},
                        new String[] {"POST", "application/problem+json", "*/*"},
                        new String[] {"POST", "application/json", ";;;"},
                        new String[] {"POST", "application/json", "application/json;q=abc"},
                        new String[] {"POST", "application/json", "text/html"},
                        new String[] {"PUT", "application/json", "*/*"},
                        new String[] {"DELETE", "application/json", "*/*"},
                        new String[] {"FOO", "application/json", "*/*"});
        for (String[] variant : variants) {
            HttpResponse<String> response =
                    send(
                            request("/loss/cross-entropy")
                                    .header("Content-Type", variant[1])
                                    .header("Accept", variant[2])
                                    .method(variant[0], HttpRequest.BodyPublishers.ofString(body)));
            String context = String.join(" | ", variant);
            assertThat(response.statusCode()).as(context).isBetween(200, 499);
            if (response.statusCode() >= 400) {
                assertThat(response.headers().firstValue("Content-Type"))
                        .as(context)
                        .hasValue("application/problem+json");
            }
        }
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = mapper.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        for (String member : new String[] {"type", "title", "detail", "instance"}) {
            assertThat(problem.get(member).asString()).as(member).isNotBlank();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("trace");
        return problem;
    }
}
