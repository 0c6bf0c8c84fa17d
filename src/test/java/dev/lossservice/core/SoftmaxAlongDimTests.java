package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.flat;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.number;
import static dev.lossservice.core.Fixtures.optionalFlat;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Softmax along any dimension of a tensor of any rank, and both backward passes. */
class SoftmaxAlongDimTests {

    // PyTorch 1.13 float64: src/test/resources/fixtures/softmax_v2.json, written by
    // scripts/generate_fixtures_bs.py (each case names the PyTorch test it ports, if any).
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("softmax_v2.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        int[] shape = ints(fixture.option("shape"));
        int dim = fixture.option("dim").asInt();
        double temperature = number(fixture.option("temperature"));
        double[] logits = flat(fixture.input("logits"));

        Softmax.AlongDim result = Softmax.ofLogits(logits, shape, dim, temperature);

        assertAllClose(
                fixture.at("probabilities"),
                flat(fixture.expect("probabilities")),
                result.probabilities());
        assertAllClose(
                fixture.at("logProbabilities"),
                flat(fixture.expect("logProbabilities")),
                result.logProbabilities());
        assertAllClose(
                fixture.at("logSumExp"), flat(fixture.expect("logSumExp")), result.logSumExp());
        assertThat(result.predictedClass())
                .as(fixture.at("predictedClass"))
                .containsExactly(classes(fixture.expect("predictedClass")));
        double[] upstream = optionalFlat(fixture.option("upstreamGradient"));
        double[] logUpstream = optionalFlat(fixture.option("upstreamLogGradient"));
        if (upstream != null) {
            assertAllClose(
                    fixture.at("gradient"),
                    flat(fixture.expect("gradient")),
                    Softmax.vectorJacobianProduct(
                            result.probabilities(), upstream, shape, dim, temperature));
        }
        if (logUpstream != null) {
            assertAllClose(
                    fixture.at("gradient"),
                    flat(fixture.expect("gradient")),
                    Softmax.logVectorJacobianProduct(
                            result.probabilities(), logUpstream, shape, dim, temperature));
        }
    }

    /** Argmax indices flattened, -1 where the fixture has null (no argmax over an empty dim). */
    private static int[] classes(JsonNode node) {
        List<Integer> values = new ArrayList<>();
        collect(node, values);
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(JsonNode node, List<Integer> values) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, values);
            }
        } else {
            values.add(node.isNull() ? -1 : node.asInt());
        }
    }

    @Test
    void alongTheLastDimensionGivesTheBitsOfTheRowKernel() {
        var random = new Random(11);
        Matrix logits = RandomInputs.matrix(random, 7, 9, 20.0);
        for (double temperature : new double[] {1.0, 0.3}) {
            Softmax.Result rows = Softmax.ofLogits(logits, temperature);
            // Along dim 0 of the transpose: the strided kernel, one softmax per column.
            double[] transposed = new double[63];
            for (int n = 0; n < 7; n++) {
                for (int c = 0; c < 9; c++) {
                    transposed[c * 7 + n] = logits.get(n, c);
                }
            }
            Softmax.AlongDim columns =
                    Softmax.ofLogits(transposed, new int[] {9, 7}, 0, temperature);
            for (int n = 0; n < 7; n++) {
                assertThat(columns.logSumExp()[n]).isEqualTo(rows.logSumExp()[n]);
                assertThat(columns.predictedClass()[n]).isEqualTo(rows.predictedClass()[n]);
                for (int c = 0; c < 9; c++) {
                    assertThat(columns.probabilities()[c * 7 + n])
                            .isEqualTo(rows.probabilities().get(n, c));
                    assertThat(columns.logProbabilities()[c * 7 + n])
                            .isEqualTo(rows.logProbabilities().get(n, c));
                }
            }
        }
    }

    @Test
    void dimOutOfRangeIsRefusedWithTheRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Softmax.ofLogits(new double[6], new int[] {2, 3}, 2, 1.0))
                .withMessage("dim 2 is out of range [-2, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Softmax.ofLogits(new double[1], new int[0], -2, 1.0))
                .withMessage("dim -2 is out of range [-1, 0]");
    }
}
