package dev.lossservice.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.crossentropy.CrossEntropyRequest;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.Tensor;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator of requests read by the tensor codec checks the shapes, and leaves the numbers to
 * the codec, which checked each one as it read it; a tensor made in code gets every check from a
 * plain validator.
 */
class RequestValidatorTests {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

    private final RequestValidator requests =
            new RequestValidator(FACTORY, new LossServiceProperties(20));

    @Test
    void aPlainValidatorRefusesANumberThatIsNotFinite() {
        List<String> paths =
                FACTORY.getValidator().validate(request(logits(Double.NaN))).stream()
                        .map(ConstraintViolation::getPropertyPath)
                        .map(Object::toString)
                        .toList();

        assertThat(paths).containsExactly("logits");
    }

    @Test
    void theRequestValidatorLeavesTheNumbersToTheCodec() {
        FieldProblems problems = new FieldProblems(20);

        requests.check(request(logits(Double.NaN)), problems);

        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void theRequestValidatorStillChecksTheShapes() {
        FieldProblems problems = new FieldProblems(20);
        var rank9 = new Tensor(new double[] {1}, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1});

        requests.check(request(rank9), problems);

        assertThat(problems.hasProblemAt("/logits")).isTrue();
    }

    private static Tensor logits(double value) {
        return new Tensor(new double[] {0.5, value}, new int[] {1, 2});
    }

    private static CrossEntropyRequest request(Tensor logits) {
        return new CrossEntropyRequest(
                logits,
                new ClassIndices(new int[] {0}, new int[] {1}),
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
