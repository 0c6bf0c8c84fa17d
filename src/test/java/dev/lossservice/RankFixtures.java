package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The version 2 fixtures of cross-entropy and NLL ({@code cross_entropy_v2.json}, {@code
 * nll_v2.json}, written by {@code scripts/generate_fixtures_rank.py} from PyTorch 1.13 float64):
 * each case's request is posted as it is, and the answer must hold PyTorch's numbers within 1e-12
 * relative, the gradient in the input's shape, one sample per position with its coordinates, and
 * the warnings PyTorch's inputs call for.
 */
public final class RankFixtures {

    private static final double RELATIVE = 1e-12;
    private static final double ABSOLUTE = 1e-15;

    private RankFixtures() {}

    /** Every case of the file, named, for a parameterized test. */
    public static Stream<Arguments> cases(String file) {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode node : PyTorchFixtures.read(file).get("cases")) {
            cases.add(Arguments.of(node.get("name").asString(), node));
        }
        return cases.stream();
    }

    /** Posts the case's request, as it is written in the fixture, to {@code uri}. */
    public static MvcTestResult send(MockMvcTester mvc, String uri, JsonNode fixture) {
        return mvc.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .content(fixture.get("request").toString())
                .exchange();
    }

    /** Posts the case's request to {@code uri} and checks the answer against PyTorch's. */
    public static void check(MockMvcTester mvc, String uri, JsonNode fixture) {
        MvcTestResult result = send(mvc, uri, fixture);
        assertThat(result).hasStatusOk();
        JsonNode body = WebTestSupport.body(result);
        JsonNode expected = fixture.get("expected");
        JsonNode loss = expected.get("loss");
        if (loss.isNull()) {
            assertThat(body.get("loss").isNull()).as("loss is null").isTrue();
        } else {
            assertClose("loss", loss.asDouble(), body.get("loss").asDouble());
        }
        assertClose("lossSum", expected.get("lossSum").asDouble(), body.get("lossSum").asDouble());
        assertClose(
                "denominator",
                expected.get("denominator").asDouble(),
                body.get("denominator").asDouble());
        double[] gradient = PyTorchFixtures.numbers(expected.get("gradient"));
        if (body.has("gradient") && body.get("gradient").isNull()) {
            // PyTorch's gradient is NaN: the answer says why instead.
            assertThat(body.has("gradientUndefinedReason")).isTrue();
            assertThat(expected.get("gradient").toString()).contains("null");
        } else {
            assertAllClose("gradient", gradient, WebTestSupport.numbers(body.get("gradient")));
            assertShape(body.get("gradient"), expected.get("gradientShape"));
        }
        JsonNode samples = body.get("samples");
        double[] losses = PyTorchFixtures.numbers(expected.get("sampleLosses"));
        assertThat(samples).hasSize(losses.length);
        JsonNode lossShape = expected.get("lossShape");
        int inputRank = expected.get("gradientShape").size();
        for (int i = 0; i < losses.length; i++) {
            JsonNode sample = samples.get(i);
            assertThat(sample.get("index").asInt()).isEqualTo(i);
            assertClose("samples[" + i + "].loss", losses[i], sample.get("loss").asDouble());
            if (inputRank == 2) {
                assertThat(sample.has("position")).isFalse();
            } else {
                assertThat(sample.get("position")).hasSize(lossShape.size());
                assertThat(flatIndex(sample.get("position"), lossShape)).isEqualTo(i);
            }
        }
        List<String> pointers = new ArrayList<>();
        if (body.has("warnings")) {
            for (JsonNode warning : body.get("warnings")) {
                pointers.add(warning.get("pointer").asString());
            }
        }
        List<String> expectedPointers = new ArrayList<>();
        for (JsonNode pointer : expected.get("warnings")) {
            expectedPointers.add(pointer.asString());
        }
        assertThat(pointers).isEqualTo(expectedPointers);
    }

    private static int flatIndex(JsonNode position, JsonNode shape) {
        int index = 0;
        for (int d = 0; d < shape.size(); d++) {
            index = index * shape.get(d).asInt() + position.get(d).asInt();
        }
        return index;
    }

    /** JSON carries no shape after a dimension of 0: an empty batch is just []. */
    private static void assertShape(JsonNode tensor, JsonNode shape) {
        JsonNode node = tensor;
        for (JsonNode size : shape) {
            assertThat(node.isArray()).isTrue();
            assertThat(node.size()).isEqualTo(size.asInt());
            if (size.asInt() == 0) {
                return;
            }
            node = node.get(0);
        }
        assertThat(node.isNumber()).isTrue();
    }

    private static void assertClose(String what, double expected, double actual) {
        if (!(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected) + ABSOLUTE)) {
            fail(
                    "%s: expected %s but was %s (difference %s)",
                    what, expected, actual, actual - expected);
        }
    }

    private static void assertAllClose(String what, double[] expected, double[] actual) {
        assertThat(actual).as("%s length", what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }
}
