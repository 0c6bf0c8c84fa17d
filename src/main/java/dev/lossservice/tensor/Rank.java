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
 * The ranks a {@link Tensor} field may have, and that it may not be empty. {@link TensorJsonModule}
 * reads the same annotation while it streams the field, so that a number where an array belongs (or
 * the reverse) is reported at its exact position; this validator holds the rule for tensors made in
 * code.
 */
@Documented
@Constraint(validatedBy = Rank.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface Rank {

    int min();

    int max();

    String message() default "has the wrong rank or is empty";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is valid: whether a field is required is {@code @NotNull}'s business. */
    final class Validator implements ConstraintValidator<Rank, Tensor> {

        private int min;
        private int max;

        @Override
        public void initialize(Rank rank) {
            this.min = rank.min();
            this.max = rank.max();
        }

        @Override
        public boolean isValid(Tensor tensor, ConstraintValidatorContext context) {
            return tensor == null
                    || (tensor.rank() >= min && tensor.rank() <= max && tensor.values().length > 0);
        }
    }
}
