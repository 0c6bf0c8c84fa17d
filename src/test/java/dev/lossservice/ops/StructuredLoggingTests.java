package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With one property set, every console log line is an ECS JSON document. */
@SpringBootTest(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    /**
     * Logback is set up once per JVM: an application context started earlier in this test run would
     * leave its format in place. Forgetting that set-up makes this context apply its own, and
     * forgetting it again afterwards lets later contexts apply theirs.
     */
    @BeforeAll
    @AfterAll
    static void forgetLoggingSetUp() {
        LoggingSystem.get(StructuredLoggingTests.class.getClassLoader()).cleanUp();
    }

    @Test
    void consoleLinesAreEcsJson(CapturedOutput output) {
        org.slf4j.LoggerFactory.getLogger(StructuredLoggingTests.class).info("probe line");

        List<String> lines = output.getOut().lines().filter(l -> l.contains("probe line")).toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(line.get("@timestamp").asString()).isNotBlank();
        assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(line.get("message").asString()).isEqualTo("probe line");
        assertThat(line.at("/service/name").asString()).isEqualTo("loss-service");
    }
}
