package dev.lossservice.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.loss.TensorRoles.AnyShape;
import dev.lossservice.loss.TensorRoles.ClassWeights;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.TensorShapes;
import dev.lossservice.tensor.ValueRule;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A role annotation stands for the {@link TensorShape} it carries, for Bean Validation and for the
 * readers alike: a field with the role is treated as a field with the shape written out.
 */
class TensorRolesTests {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static final Tensor MATRIX = new Tensor(new double[] {1, -2, 3, 4}, new int[] {2, 2});
    private static final Tensor RANK_NINE =
            new Tensor(new double[] {1}, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
    private static final Tensor NEGATIVE_WEIGHT = new Tensor(new double[] {1, -0.5}, new int[] {2});

    private record ByRole(@ClassWeights Tensor weight, @AnyShape Tensor input) {}

    private record WrittenOut(
            @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
                    Tensor weight,
            @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT, emptyDimensions = true)
                    Tensor input) {}

    @Test
    void aRoleIsValidatedAsTheShapeItCarries() {
        List<String> byRole = violations(new ByRole(MATRIX, RANK_NINE));

        assertThat(byRole)
                .containsExactly(
                        "input: has the wrong rank, is empty or holds a number out of range",
                        "weight: has the wrong rank, is empty or holds a number out of range")
                .isEqualTo(violations(new WrittenOut(MATRIX, RANK_NINE)));
        assertThat(violations(new ByRole(NEGATIVE_WEIGHT, MATRIX))).isEmpty();
    }

    @Test
    void theReadersFindTheShapeThroughTheRole() throws NoSuchMethodException {
        for (String field : List.of("weight", "input")) {
            TensorShape byRole = TensorShapes.declaredOn(ByRole.class.getDeclaredMethod(field));

            assertThat(byRole)
                    .isNotNull()
                    .isEqualTo(TensorShapes.declaredOn(WrittenOut.class.getDeclaredMethod(field)));
        }
    }

    @Test
    void aRoleDeclaresTheWarningOfItsShape() {
        List<Warning> byRole = Warnings.of(new ByRole(NEGATIVE_WEIGHT, null)).toList();

        assertThat(byRole)
                .hasSize(1)
                .isEqualTo(Warnings.of(new WrittenOut(NEGATIVE_WEIGHT, null)).toList());
    }

    private static List<String> violations(Record request) {
        return VALIDATOR.validate(request).stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .toList();
    }
}
