package dev.lossservice.tensor;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * What a {@link Tensor} field may hold: its ranks, not empty, and a rule for every number. {@link
 * TensorJsonModule} reads the same annotation while it streams the field, so that a number where an
 * array belongs (or the reverse), or a number that breaks the rule, is reported at its exact
 * position; this validator holds the rule for tensors made in code.
 */
@Documented
@Constraint(validatedBy = TensorShape.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface TensorShape {

    int minRank();

    int maxRank();

    ValueRule values() default ValueRule.ANY;

    String message() default "has the wrong rank, is empty or holds a number out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is valid: whether a field is required is {@code @NotNull}'s business. */
    final class Validator implements ConstraintValidator<TensorShape, Tensor> {

        // Copied out of the annotation, whose methods are reflective proxy calls: the check runs
        // once per number.
        private int minRank;
        private int maxRank;
        private ValueRule rule;

        @Override
        public void initialize(TensorShape shape) {
            this.minRank = shape.minRank();
            this.maxRank = shape.maxRank();
            this.rule = shape.values();
        }

        @Override
        public boolean isValid(Tensor tensor, ConstraintValidatorContext context) {
            if (tensor == null) {
                return true;
            }
            if (tensor.rank() < minRank || tensor.rank() > maxRank || tensor.values().length == 0) {
                return false;
            }
            for (double value : tensor.values()) {
                if (!Double.isFinite(value) || !rule.accepts(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
