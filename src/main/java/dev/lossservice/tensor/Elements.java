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
 * A rule every number of a {@link Tensor} field must satisfy. Like {@link Rank}, read by {@link
 * TensorJsonModule} while streaming, so that the offending number is named by its pointer.
 */
@Documented
@Constraint(validatedBy = Elements.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface Elements {

    ValueRule value();

    String message() default "has a number that breaks the field's rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Elements, Tensor> {

        private ValueRule rule;

        @Override
        public void initialize(Elements elements) {
            this.rule = elements.value();
        }

        @Override
        public boolean isValid(Tensor tensor, ConstraintValidatorContext context) {
            if (tensor == null) {
                return true;
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
