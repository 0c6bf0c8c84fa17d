package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the actuator shows, and what it must not. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActuatorEndpointsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/livez",
                "/readyz",
                "/actuator/health/liveness",
                "/actuator/health/readiness",
                "/actuator/health"
            })
    void probesAreUp(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoShowsBuildAndGitVersion() throws Exception {
        HttpResponse<String> response = get("/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = JSON.readTree(response.body());
        assertThat(info.at("/build/artifact").asString()).isEqualTo("loss-service");
        assertThat(info.at("/build/version").asString()).isNotBlank();
        assertThat(info.at("/git/commit/id").asString()).matches("[0-9a-f]{7,}");
    }

    @Test
    void prometheusShowsRequestAndGateMetrics() throws Exception {
        get("/livez");

        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "http_server_requests_seconds_count",
                        "jvm_memory_used_bytes",
                        "loss_service_heavy_requests_active",
                        "loss_service_heavy_requests_rejected_total")
                // Left out for the cost of each request (application.properties).
                .doesNotContain("http_server_requests_active_seconds");
    }

    /**
     * RequestTimerFilter replaces Spring's observation filter: each series below is one that filter
     * recorded for the same requests (main at 38384d5, read from /actuator/prometheus), so that
     * dashboards and alerts keep working.
     */
    @Test
    void requestTimerRecordsTheSeriesOfSpringsObservationFilter() throws Exception {
        post("/loss/cross-entropy", "{\"logits\":[[1,2]],\"target\":[0]}");
        post("/loss/cross-entropy", "{\"logits\":[[1,2]],\"target\":[5]}");
        post("/loss/nll", "{\"logProbabilities\":");
        get("/no-such-path");

        String metrics = get("/actuator/prometheus").body();

        String series =
                "http_server_requests_seconds_count{application=\"loss-service\","
                        + "error=\"none\",exception=\"none\",";
        assertThat(metrics)
                .contains(
                        series
                                + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\","
                                + "uri=\"/loss/cross-entropy\"} ",
                        series
                                + "method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\","
                                + "uri=\"/loss/cross-entropy\"} ",
                        series
                                + "method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\","
                                + "uri=\"/loss/nll\"} ",
                        series
                                + "method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\","
                                + "uri=\"/**\"} ",
                        "http_server_requests_seconds_sum{",
                        "http_server_requests_seconds_max{");
        // Counted once per request: one more request, one more in its series.
        String nllSeries =
                series
                        + "method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\","
                        + "uri=\"/loss/nll\"} ";
        double before = count(metrics, nllSeries);
        post("/loss/nll", "{\"logProbabilities\":");
        assertThat(count(get("/actuator/prometheus").body(), nllSeries)).isEqualTo(before + 1);
    }

    private static double count(String metrics, String series) {
        return metrics.lines()
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/loggers",
                "/actuator/mappings",
                "/actuator/metrics",
                "/actuator/shutdown",
                "/actuator/sbom",
                "/actuator/sbom/application"
            })
    void everyOtherEndpointIsHidden(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** The SBOM is in the jar and the image, not served: it lists every library and version. */
    @Test
    void jarCarriesTheSbomThatIsNotServed() throws Exception {
        try (var sbom = getClass().getResourceAsStream("/META-INF/sbom/application.cdx.json")) {
            assertThat(sbom).as("target/classes/META-INF/sbom/application.cdx.json").isNotNull();
            assertThat(JSON.readTree(sbom).get("bomFormat").asString()).isEqualTo("CycloneDX");
        }
        assertThat(get("/actuator/sbom/application").statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorIndexListsOnlyTheExposedEndpoints() throws Exception {
        HttpResponse<String> response = get("/actuator");

        JsonNode links = JSON.readTree(response.body()).get("_links");
        assertThat(links.propertyNames())
                .allSatisfy(
                        name -> assertThat(name).matches("self|health(-path)?|info|prometheus"));
    }

    /** request.WebConfiguration: a request to the API is not first matched against Actuator's. */
    @Test
    void applicationMappingsAreConsultedBeforeActuatorsOwn(
            @Autowired DispatcherServlet dispatcher,
            @Autowired @Qualifier("requestMappingHandlerMapping")
                    RequestMappingHandlerMapping applicationMappings)
            throws Exception {
        get("/livez");

        assertThat(dispatcher.getHandlerMappings()).first().isSameAs(applicationMappings);
    }

    private void post(String path, String json) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
