package dev.lossservice.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void problemHasTheRfc9457MembersInOrder() {
        String json = ProblemJson.render(ProblemType.ofStatus(413, "Too big.", "/loss/nll"));

        assertThat(json)
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"Too big.\",\"instance\":\"/loss/nll\"}");
    }

    @Test
    void everyStringRoundTripsThroughAJsonParserAndMarkupIsEscaped() {
        ProblemDetail members = ProblemType.ofStatus(400, "d", null);
        String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 <script>&\u2028 é";
        members.setProperty("text", nasty);
        members.setProperty("count", 3L);
        members.setProperty("flag", true);
        members.setProperty("none", null);

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
        assertThat(ProblemType.ofStatus(404, "d", "/a b").getInstance()).isNull();
        assertThat(ProblemType.ofStatus(404, "d", "/<x>").getInstance()).isNull();
        assertThat(ProblemType.ofStatus(404, "d", "relative").getInstance()).isNull();
        assertThat(ProblemType.ofStatus(404, "d", "/" + "a".repeat(600)).getInstance()).isNull();
        assertThat(ProblemType.ofStatus(404, "d", null).getInstance()).isNull();
        assertThat(ProblemType.ofStatus(404, "d", "/loss/nll").getInstance())
                .hasToString("/loss/nll");
    }

    @Test
    void unknownStatusGetsAGenericTitle() {
        assertThat(ProblemType.title(499)).isEqualTo("Error");
        assertThat(ProblemType.title(503)).isEqualTo("Service Unavailable");
    }
}
