package dev.lossservice.nll;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.request.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The rules between the fields of an {@link NllRequest}: targets and weights fit the input. */
@Documented
@Constraint(validatedBy = ValidNllRequest.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
@interface ValidNllRequest {

    String message() default "breaks a rule between its fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<ValidNllRequest, NllRequest> {

        @Override
        public boolean isValid(NllRequest request, ConstraintValidatorContext context) {
            Violations violations = new Violations(context);
            if (request.logProbabilities() != null && request.logProbabilities().rank() == 2) {
                int classes = request.logProbabilities().columns();
                if (request.target() != null) {
                    violations.classIndices(
                            "target",
                            request.target(),
                            request.logProbabilities().rows(),
                            classes,
                            request.ignoreIndex() == null
                                    ? CrossEntropy.DEFAULT_IGNORE_INDEX
                                    : request.ignoreIndex());
                }
                if (request.weight() != null && request.weight().values().length != classes) {
                    violations.add(
                            "/weight",
                            "has length "
                                    + request.weight().values().length
                                    + ", but logProbabilities has "
                                    + classes
                                    + " classes");
                }
            }
            return violations.isValid();
        }
    }
}
