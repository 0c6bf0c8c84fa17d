package dev.lossservice.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lossservice.problem.FieldProblem;
import dev.lossservice.problem.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec's reading of tensors of any rank: a bare number as rank 0, nesting up to {@link
 * TensorShape#RANK_LIMIT}, empty batches where a field takes them, class indices of any rank, and a
 * problem naming the field and the limit for deeper nesting.
 */
class TensorReaderTests {

    /** Fields as version 2 declares them: any rank up to the limit, empty batches allowed. */
    record Probe(
            @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT, emptyBatch = true)
                    Tensor values,
            @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
                    ClassIndices indices,
            @TensorShape(minRank = 2, maxRank = 2) Tensor matrix) {}

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new TensorJsonModule())
                    .disable(DeserializationFeature.WRAP_EXCEPTIONS)
                    .build();

    private static Probe read(String json) {
        return MAPPER.readValue(json.replace('\'', '"'), Probe.class);
    }

    private static List<FieldProblem> problems(String json) {
        try {
            read(json);
        } catch (InvalidRequestException e) {
            return e.problems();
        }
        throw new AssertionError("no problem in " + json);
    }

    @Test
    void aBareNumberIsATensorOfRankZero() {
        Tensor values = read("{'values': 2.5}").values();
        assertThat(values.shape()).isEmpty();
        assertThat(values.values()).containsExactly(2.5);
        ClassIndices indices = read("{'indices': 3}").indices();
        assertThat(indices.shape()).isEmpty();
        assertThat(indices.values()).containsExactly(3);
    }

    @Test
    void rankEightOfOneElementPerDimensionIsRead() {
        String nested = "[".repeat(8) + "7" + "]".repeat(8);
        Tensor values = read("{'values': " + nested + "}").values();
        assertThat(values.shape()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(values.values()).containsExactly(7.0);
    }

    @Test
    void aThreeDimensionalTensorIsReadRowMajor() {
        Tensor values =
                read("{'values': [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]}")
                        .values();
        assertThat(values.shape()).containsExactly(2, 3, 2);
        assertThat(values.values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        ClassIndices indices = read("{'indices': [[0, 1], [2, 0]]}").indices();
        assertThat(indices.shape()).containsExactly(2, 2);
        assertThat(indices.values()).containsExactly(0, 1, 2, 0);
    }

    @Test
    void anEmptyBatchIsReadWhereTheFieldTakesOne() {
        Probe probe = read("{'values': [], 'indices': []}");
        assertThat(probe.values().shape()).containsExactly(0);
        assertThat(probe.indices().shape()).containsExactly(0);
    }

    @Test
    void nestingDeeperThanTheLimitNamesTheFieldAndTheLimit() {
        String nested = "[".repeat(9) + "7" + "]".repeat(9);
        assertThat(problems("{'values': " + nested + "}"))
                .containsExactly(
                        new FieldProblem(
                                "/values",
                                "nests arrays deeper than 8 levels (at /values/0/0/0/0/0/0/0/0):"
                                        + " 8 dimensions is the most this field takes"));
        String indices = "[".repeat(8) + "1" + "]".repeat(8);
        assertThat(problems("{'indices': " + indices + "}"))
                .containsExactly(
                        new FieldProblem(
                                "/indices",
                                "nests arrays deeper than 7 levels (at /indices/0/0/0/0/0/0/0):"
                                        + " 7 dimensions is the most this field takes"));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'values': [[1, 2], []]}          | /values/1     | must not be empty",
                "{'values': [[]]}                  | /values/0     | must not be empty",
                "{'values': [[1, 2], [3]]}         | /values/1     | has 1 numbers, but earlier rows have 2: arrays must be rectangular",
                "{'values': [[[1], [2]], [[3]]]}   | /values/1     | has 1 arrays, but earlier arrays have 2: arrays must be rectangular",
                "{'values': 'x'}                   | /values       | must be a number, not a string",
                "{'values': {}}                    | /values       | must be a number or nested arrays of numbers, not an object",
                "{'values': [1, [2]]}              | /values/1     | must be a number, not an array",
                "{'values': [1e400]}               | /values/0     | must be a finite number",
                "{'indices': 1.5}                  | /indices      | must be an integer",
                "{'indices': [[0, 1.5]]}           | /indices/0/1  | must be an integer",
                "{'indices': [30000000000]}        | /indices/0    | is out of range",
                "{'indices': ['1']}                | /indices/0    | must be an integer, not a string",
                "{'matrix': []}                    | /matrix       | must not be empty",
                "{'matrix': [1]}                   | /matrix/0     | must be an array of numbers, not a number",
                "{'matrix': 1}                     | /matrix       | must be an array of arrays of numbers, not a number",
            })
    void badTensorsNameTheirPosition(String json, String pointer, String detail) {
        assertThat(problems(json)).containsExactly(new FieldProblem(pointer, detail));
    }

    @Test
    void theShapeRulesAcceptAnEmptyBatchOnlyWhereDeclared() {
        assertThat(new ShapeRules(1, 8, true, false, ValueRule.ANY).fits(new int[] {0})).isTrue();
        assertThat(new ShapeRules(1, 8, false, false, ValueRule.ANY).fits(new int[] {0})).isFalse();
        assertThat(new ShapeRules(1, 8, true, false, ValueRule.ANY).fits(new int[] {2, 0}))
                .isFalse();
        assertThat(new ShapeRules(0, 8, true, false, ValueRule.ANY).fits(new int[9])).isFalse();
    }

    @Test
    void aPointerNamesTheCoordinatesOfAFlatIndex() {
        assertThat(Tensor.pointer("target", new int[] {2, 3, 4}, 23)).isEqualTo("/target/1/2/3");
        assertThat(Tensor.pointer("target", new int[] {}, 0)).isEqualTo("/target");
    }

    @Test
    void aStandaloneReadThrowsAtOnce() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> read("{'values': [[1], [2, 3]]}"));
    }
}
