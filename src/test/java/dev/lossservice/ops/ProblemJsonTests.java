package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void problemHasTheRfc9457MembersInOrder() {
        String json = ProblemJson.render(ProblemJson.problem(413, "Too big.", "/loss/nll"));

        assertThat(json)
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"Too big.\",\"instance\":\"/loss/nll\"}");
    }

    @Test
    void everyStringRoundTripsThroughAJsonParserAndMarkupIsEscaped() {
        Map<String, Object> members = new LinkedHashMap<>();
        String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 <script>&\u2028 é";
        members.put("text", nasty);
        members.put("count", 3L);
        members.put("flag", true);
        members.put("none", null);

        String json = ProblemJson.render(members);
        JsonNode parsed = JSON.readTree(json);

        assertThat(parsed.get("text").asString()).isEqualTo(nasty);
        assertThat(parsed.get("count").asLong()).isEqualTo(3);
        assertThat(parsed.get("flag").asBoolean()).isTrue();
        assertThat(parsed.get("none").isNull()).isTrue();
        assertThat(json).doesNotContain("<", ">", "&");
    }

    @Test
    void pathThatIsNotAPlainShortUriPathIsLeftOutOfInstance() {
        assertThat(ProblemJson.problem(404, "d", "/a b")).doesNotContainKey("instance");
        assertThat(ProblemJson.problem(404, "d", "/<x>")).doesNotContainKey("instance");
        assertThat(ProblemJson.problem(404, "d", "relative")).doesNotContainKey("instance");
        assertThat(ProblemJson.problem(404, "d", "/" + "a".repeat(600)))
                .doesNotContainKey("instance");
        assertThat(ProblemJson.problem(404, "d", null)).doesNotContainKey("instance");
        assertThat(ProblemJson.problem(404, "d", "/loss/nll"))
                .containsEntry("instance", "/loss/nll");
    }

    @Test
    void unknownStatusGetsAGenericTitle() {
        assertThat(ProblemJson.title(499)).isEqualTo("Error");
        assertThat(ProblemJson.title(503)).isEqualTo("Service Unavailable");
    }
}
