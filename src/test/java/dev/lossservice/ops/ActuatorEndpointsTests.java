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

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
