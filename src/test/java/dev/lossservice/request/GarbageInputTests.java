package dev.lossservice.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Randomised garbage against every endpoint: random JSON built from the real field names, valid
 * examples with random edits, and random bytes. Whatever comes in, the answer is a 2xx or a 4xx
 * problem detail; never a 500, never a NaN or Infinity. The seed is fixed so a failure replays.
 */
@WebMvcTest
class GarbageInputTests {

    private static final int ROUNDS = 300;
    private static final Set<Integer> EXPECTED_STATUSES = Set.of(200, 400, 413, 422);
    private static final List<String> FIELD_NAMES =
            List.of(
                    "logits",
                    "target",
                    "targetProbabilities",
                    "weight",
                    "ignoreIndex",
                    "labelSmoothing",
                    "reduction",
                    "logProbabilities",
                    "probabilities",
                    "targetClasses",
                    "posWeight",
                    "temperature",
                    "upstreamGradient",
                    "x");
    private static final List<String> ATOMS =
            List.of(
                    "0",
                    "1",
                    "-1",
                    "2",
                    "0.5",
                    "1e308",
                    "-1e308",
                    "1e400",
                    "1e-320",
                    "-0",
                    "2147483648",
                    "99999999999999999999",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "\"NaN\"",
                    "\"mean\"",
                    "\"none\"",
                    "\"sum\"",
                    "true",
                    "null",
                    "\"\"",
                    "{}",
                    "[]",
                    "[[]]");
    private static final String EDIT_CHARACTERS = "[]{},:\"0123456789eE.-+ NaIfnty";

    @Autowired private MockMvcTester mvc;

    @ParameterizedTest
    @ValueSource(strings = {"/loss/cross-entropy", "/loss/nll", "/loss/bce", "/softmax"})
    void noInputGivesA500OrANonFiniteNumber(String uri) {
        Random random = new Random(uri.hashCode());
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] body =
                    switch (round % 3) {
                        case 0 -> randomObject(random).getBytes(StandardCharsets.UTF_8);
                        case 1 -> editedExample(random).getBytes(StandardCharsets.UTF_8);
                        default -> randomBytes(random);
                    };
            MvcTestResult result =
                    mvc.post()
                            .uri(uri)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .exchange();
            String answer = contentOf(result);
            String context =
                    uri + " round " + round + " body " + new String(body, StandardCharsets.UTF_8);
            assertThat(result.getResponse().getStatus()).as(context).isIn(EXPECTED_STATUSES);
            statuses.merge(result.getResponse().getStatus(), 1, Integer::sum);
            assertThat(answer).as(context).doesNotContain("NaN").doesNotContain("Infinity");
            if (result.getResponse().getStatus() != 200) {
                assertThat(result.getResponse().getContentType())
                        .as(context)
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                assertThat(answer).as(context).doesNotContain("Exception");
            }
        }
        // Both paths must be exercised, or the garbage is too easy to be a test.
        assertThat(statuses).as("statuses of %s", uri).containsKeys(200, 400);
    }

    private static String contentOf(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static String randomObject(Random random) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"')
                    .append(FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size())))
                    .append("\":");
            randomValue(random, json, 0);
        }
        return json.append('}').toString();
    }

    private static void randomValue(Random random, StringBuilder json, int depth) {
        int kind = random.nextInt(depth > 3 ? 2 : 4);
        if (kind <= 1) {
            json.append(
                    kind == 0
                            ? ATOMS.get(random.nextInt(ATOMS.size()))
                            : String.valueOf(random.nextGaussian() * 3));
            return;
        }
        json.append('[');
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                json.append(',');
            }
            randomValue(random, json, depth + 1);
        }
        json.append(']');
    }

    private static String editedExample(Random random) {
        List<String> examples =
                List.of(
                        "cross-entropy-seed",
                        "cross-entropy-probabilities",
                        "cross-entropy-label-smoothing",
                        "nll",
                        "bce-probabilities",
                        "bce-logits",
                        "bce-sigmoid-multi-class",
                        "softmax");
        StringBuilder text =
                new StringBuilder(
                        WebTestSupport.example(examples.get(random.nextInt(examples.size()))));
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 ->
                        text.insert(
                                at,
                                EDIT_CHARACTERS.charAt(random.nextInt(EDIT_CHARACTERS.length())));
                default ->
                        text.setCharAt(
                                at,
                                EDIT_CHARACTERS.charAt(random.nextInt(EDIT_CHARACTERS.length())));
            }
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }
}
