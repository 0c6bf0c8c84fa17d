package dev.lossservice.request;

import static dev.lossservice.WebTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lossservice.bce.BceRequest;
import dev.lossservice.crossentropy.CrossEntropyRequest;
import dev.lossservice.limits.ElementLimits;
import dev.lossservice.limits.LimitExceededException;
import dev.lossservice.problem.FieldProblem;
import dev.lossservice.problem.InvalidRequestException;
import dev.lossservice.problem.MalformedJsonException;
import dev.lossservice.softmax.SoftmaxRequest;
import dev.lossservice.tensor.TensorJsonModule;
import jakarta.validation.Validation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming reader on its own: what it builds from valid bodies, and the pointer and detail it
 * gives for each kind of invalid one.
 */
class JsonRequestReaderTests {

    private final JsonRequestReader reader =
            new JsonRequestReader(
                    JsonMapper.builder().addModule(new TensorJsonModule()).build(),
                    new LossServiceProperties(5),
                    new ElementLimits(60, 100),
                    Validation.buildDefaultValidatorFactory());

    private Object read(Class<?> type, String singleQuoted) {
        byte[] bytes = json(singleQuoted).getBytes(StandardCharsets.UTF_8);
        return reader.read(type, new ByteArrayInputStream(bytes));
    }

    private List<FieldProblem> problems(Class<?> type, String singleQuoted) {
        InvalidRequestException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        InvalidRequestException.class, () -> read(type, singleQuoted));
        return e.problems();
    }

    @Test
    void validCrossEntropyBodyBecomesFlatArraysWithDefaults() {
        CrossEntropyRequest request =
                (CrossEntropyRequest)
                        read(
                                CrossEntropyRequest.class,
                                "{'logits': [[1, 2.5], [-3e2, 4]], 'target': [1, 0]}");
        assertThat(request.logits().rows()).isEqualTo(2);
        assertThat(request.logits().columns()).isEqualTo(2);
        assertThat(request.logits().values()).containsExactly(1, 2.5, -300, 4);
        assertThat(request.target().values()).containsExactly(1, 0);
        assertThat(request.targetProbabilities()).isNull();
        assertThat(request.weight()).isNull();
        assertThat(request.ignoreIndex()).isNull();
        assertThat(request.labelSmoothing()).isNull();
        assertThat(request.reduction()).isNull();
    }

    @Test
    void explicitNullForAnOptionalFieldMeansAbsent() {
        CrossEntropyRequest request =
                (CrossEntropyRequest)
                        read(
                                CrossEntropyRequest.class,
                                "{'logits': [[1, 2]], 'target': [0], 'weight': null,"
                                        + " 'reduction': null, 'targetProbabilities': null}");
        assertThat(request.weight()).isNull();
        assertThat(request.reduction()).isNull();
    }

    @Test
    void bceInputKeepsItsRank() {
        BceRequest vector =
                (BceRequest) read(BceRequest.class, "{'logits': [0.5, -1], 'target': [1, 0]}");
        assertThat(vector.logits().shape()).containsExactly(2);
        BceRequest matrix =
                (BceRequest)
                        read(BceRequest.class, "{'logits': [[0.5], [-1]], 'target': [[1], [0]]}");
        assertThat(matrix.logits().shape()).containsExactly(2, 1);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'logits': [[1, 2], [3]], 'target': [0, 0]}      | /logits/1   | has 1 numbers, but earlier rows have 2: arrays must be rectangular",
                "{'logits': [[]], 'target': [0]}                  | /logits/0   | must not be empty",
                "{'logits': [[1, null]], 'target': [0]}           | /logits/0/1 | must be a number, not null",
                "{'logits': [[1, '2']], 'target': [0]}            | /logits/0/1 | must be a number, not a string",
                "{'logits': [[1, true]], 'target': [0]}           | /logits/0/1 | must be a number, not a boolean",
                "{'logits': [[1, [2]]], 'target': [0]}            | /logits/0/1 | must be a number, not an array",
                "{'logits': [[1, 2, 1e400]], 'target': [0]}       | /logits/0/2 | must be a finite number",
                "{'logits': [[1, 2, -1e400]], 'target': [0]}      | /logits/0/2 | must be a finite number",
                "{'logits': [[1, 2, NaN]], 'target': [0]}         | /logits/0/2 | must be a finite number",
                "{'logits': [[1, 2, Infinity]], 'target': [0]}    | /logits/0/2 | must be a finite number",
                "{'logits': [[1, 2, -Infinity]], 'target': [0]}   | /logits/0/2 | must be a finite number",
                "{'logits': [[1, 2, 'NaN']], 'target': [0]}       | /logits/0/2 | must be a number, not a string",
                "{'logits': [[1, 2, 'Infinity']], 'target': [0]}  | /logits/0/2 | must be a number, not a string",
                "{'logits': {'a': 1}, 'target': [0]}              | /logits     | must be nested arrays of numbers, not an object",
                "{'logits': [[1, 2]], 'target': [1.5]}            | /target/0   | must be an integer",
                "{'logits': [[1, 2]], 'target': [1.0]}            | /target/0   | must be an integer",
                "{'logits': [[1, 2]], 'target': [30000000000]}    | /target/0   | is out of range",
                "{'logits': [[1, 2]], 'target': ['1']}            | /target/0   | must be an integer, not a string",
                "{'logits': [[1, 2]], 'target': [0], 'ignoreIndex': 1.5} | /ignoreIndex | must be an integer",
                "{'logits': [[1, 2]], 'target': [0], 'labelSmoothing': '0.1'} | /labelSmoothing | must be a number, not a string",
                "{'logits': [[1, 2]], 'target': [0], 'reduction': 'Mean'} | /reduction | must be one of \"mean\", \"sum\", \"none\"",
                "{'logits': [[1, 2]], 'target': [0], 'logit': 1}  | /logit      | is not a field of this request",
                "{'logits': [[1, 2]], 'target': [0], 'a/b~c': 1}  | /a~1b~0c    | is not a field of this request",
                "{'logits': [[1, 2]], 'target': [0], 'target': [1]} | /target   | appears more than once",
                "[]                                               | ''          | the request body must be a JSON object, not an array",
            })
    void invalidCrossEntropyBodyNamesThePointer(String body, String pointer, String detail) {
        assertThat(problems(CrossEntropyRequest.class, body))
                .containsExactly(new FieldProblem(pointer, detail));
    }

    @Test
    void problemsBeyondTheLimitAreCountedButNotKept() {
        InvalidRequestException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        InvalidRequestException.class,
                        () ->
                                read(
                                        CrossEntropyRequest.class,
                                        "{'logits': [['a', 'b', 'c', 'd', 'e', 'f', 'g']],"
                                                + " 'target': [0]}"));
        assertThat(e.problems()).hasSize(5);
        assertThat(e.total()).isEqualTo(7);
        assertThat(e.problems().get(4).pointer()).isEqualTo("/logits/0/4");
    }

    @Test
    void aLongUnknownFieldNameIsCutNotEchoed() {
        String name = "x".repeat(500);
        List<FieldProblem> problems =
                problems(
                        CrossEntropyRequest.class,
                        "{'logits': [[1]], 'target': [0], '" + name + "': 1}");
        assertThat(problems.get(0).pointer()).hasSizeLessThan(80).startsWith("/xxx");
    }

    @Test
    void moreNumbersInOneArrayThanTheTensorLimitStopReading() {
        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(
                        () ->
                                read(
                                        CrossEntropyRequest.class,
                                        "{'logits': [" + numbers(61) + "], 'target': [0]}"))
                .satisfies(
                        e -> {
                            assertThat(e.limitName()).isEqualTo("max-tensor-elements");
                            assertThat(e.limit()).isEqualTo(60);
                            assertThat(e.detail()).contains("/logits");
                        });
    }

    @Test
    void moreNumbersInTheRequestThanTheRequestLimitStopReading() {
        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(
                        () ->
                                read(
                                        CrossEntropyRequest.class,
                                        "{'logits': ["
                                                + numbers(50)
                                                + "], 'target': [0], 'weight': "
                                                + numbers(50)
                                                + "}"))
                .satisfies(
                        e -> {
                            assertThat(e.limitName()).isEqualTo("max-request-elements");
                            assertThat(e.limit()).isEqualTo(100);
                        });
    }

    private static String numbers(int count) {
        StringBuilder row = new StringBuilder("[0");
        for (int i = 1; i < count; i++) {
            row.append(", ").append(i);
        }
        return row.append(']').toString();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // end of input after 18 characters
                "{'logits': [[1, 2]  | 1 | 19",
                // the closing brace after a trailing comma
                "{'logits': [[1, 2]], 'target': [0],} | 1 | 36",
                // an unquoted field name
                "{logits: 1}        | 1 | 2",
                // a second closing brace
                "{'logits': [[1, 2]], 'target': [0]}} | 1 | 36",
            })
    void malformedJsonGivesItsPositionOnly(String body, int line, int column) {
        assertThatExceptionOfType(MalformedJsonException.class)
                .isThrownBy(() -> read(CrossEntropyRequest.class, body))
                .satisfies(
                        e ->
                                assertThat(e.location())
                                        .isEqualTo(" (line " + line + ", column " + column + ")"));
    }

    @Test
    void anEmptyStreamIsAProblemOfTheWholeBody() {
        assertThat(problems(SoftmaxRequest.class, ""))
                .containsExactly(
                        new FieldProblem("", "the request body must be a JSON object, not empty"));
    }

    @Test
    void severalProblemsAreAllReportedInOneAnswer() {
        assertThat(
                        problems(
                                SoftmaxRequest.class,
                                "{'logits': [[1, 'x']], 'temperature': 0, 'extra': 1}"))
                .extracting(FieldProblem::pointer)
                .containsExactlyInAnyOrder("/logits/0/1", "/temperature", "/extra");
    }
}
