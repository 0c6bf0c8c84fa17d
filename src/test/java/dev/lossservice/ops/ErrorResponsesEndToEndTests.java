package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error is a problem detail, including those that never reach a controller: answered by
 * {@code /error} after a filter failed or nothing mapped the path, or by Tomcat itself for a
 * request it could not parse. Over a real port, since MockMvc has no container.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ErrorResponsesEndToEndTests.FailingFilterConfiguration.class)
class ErrorResponsesEndToEndTests {

    private static final String SECRET = "s3cr3t-internal-state";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unknownPathIsA404ProblemWhateverTheClientAccepts() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/no-such-path"))
                                .header("Accept", "image/png")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        JsonNode problem = assertProblem(response, 404);
        assertThat(problem.get("instance").asString()).isEqualTo("/no-such-path");
        assertThat(problem.get("detail").asString()).doesNotContain("no-such-path");
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/livez")).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void unacceptableMediaTypeIsA406Problem() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/actuator/health"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 406);
    }

    @Test
    void exceptionThrownInAFilterIsA500ProblemThatShowsNothingOfTheException() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/boom")).build(),
                        HttpResponse.BodyHandlers.ofString());

        JsonNode problem = assertProblem(response, 500);
        assertThat(problem.get("detail").asString())
                .startsWith("The service failed to answer this request.");
        assertThat(response.body()).doesNotContain("IllegalState", "Exception", "java.");
    }

    @Test
    void errorPageCalledDirectlyIsAProblemToo() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/error")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 404);
    }

    @Test
    void successfulResponsesCarryNosniffToo() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri("/livez")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GARBAGE\r\n\r\n",
                "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /livez HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
                "GET /livez HTTP/1.1\r\nHost: x\r\nX: \u0001\r\n\r\n",
                "GET /livez HTTP/1.1\r\n\r\n",
                "POST /livez HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
            })
    void requestTomcatCannotParseIsA400ProblemFromTomcatItself(String request) throws IOException {
        RawHttp.Response response = RawHttp.exchange(port, request);

        assertRawProblem(response, 400);
    }

    @Test
    void headersOverTheLimitAreA400Problem() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(
                        port,
                        "GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: "
                                + "a".repeat(32 * 1024)
                                + "\r\n\r\n");

        assertRawProblem(response, 400);
    }

    @Test
    void unsupportedHttpVersionIsA505Problem() throws IOException {
        RawHttp.Response response =
                RawHttp.exchange(port, "GET /livez HTTP/9.9\r\nHost: x\r\n\r\n");

        assertRawProblem(response, 505);
    }

    private static void assertRawProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Tomcat", "Exception", "<html", "etc/passwd");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain(SECRET, "trace", "exception", "\tat ");
        return problem;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingFilterConfiguration {

        /** A filter that fails the way a bug would, with internals in its message. */
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            Filter failing =
                    (request, response, chain) -> {
                        throw new IllegalStateException("broken: " + SECRET);
                    };
            var registration = new FilterRegistrationBean<>(failing);
            registration.addUrlPatterns("/boom");
            return registration;
        }
    }
}
