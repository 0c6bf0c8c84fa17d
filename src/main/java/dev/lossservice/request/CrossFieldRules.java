package dev.lossservice.request;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;

/**
 * The class-level constraint of a request record: its {@link RequestRules}. One annotation serves
 * every request, so that each request declares only its rules.
 */
@Documented
@Constraint(validatedBy = CrossFieldRules.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface CrossFieldRules {

    /** The rules; a class with a constructor without arguments (it may be package-private). */
    Class<? extends RequestRules<?>> value();

    String message() default "breaks a rule between its fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<CrossFieldRules, Object> {

        private RequestRules<Object> rules;

        @Override
        @SuppressWarnings("unchecked")
        public void initialize(CrossFieldRules annotation) {
            try {
                Constructor<? extends RequestRules<?>> constructor =
                        annotation.value().getDeclaredConstructor();
                constructor.setAccessible(true);
                rules = (RequestRules<Object>) constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + annotation.value(), e);
            }
        }

        @Override
        public boolean isValid(Object request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            Violations violations = new Violations(context);
            rules.check(request, violations);
            return violations.isValid();
        }
    }
}
