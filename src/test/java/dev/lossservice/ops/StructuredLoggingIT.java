package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With one property set, every console line is an ECS JSON document. In a JVM of its own, since
 * Logback is set up once per JVM and a test context would inherit the format of the one before.
 */
class StructuredLoggingIT {

    @Test
    void everyConsoleLineIsEcsJsonWithTheStructuredFormatProperty() throws Exception {
        try (ForkedService service =
                ForkedService.start("--logging.structured.format.console=ecs")) {
            service.awaitPort();
            service.sigterm();
            service.awaitExit(Duration.ofSeconds(30));

            List<String> lines = service.lines();
            assertThat(lines).isNotEmpty();
            JsonMapper json = JsonMapper.builder().build();
            for (String line : lines) {
                JsonNode document = json.readTree(line);
                assertThat(document.get("@timestamp").asString()).isNotBlank();
                assertThat(document.at("/log/level").asString()).isNotBlank();
                assertThat(document.at("/service/name").asString()).isEqualTo("loss-service");
            }
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("Tomcat started"));
        }
    }
}
