package dev.lossservice.softmax;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.lossservice.request.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The rule between the fields of a {@link SoftmaxRequest}: the upstream gradient fits. */
@Documented
@Constraint(validatedBy = ValidSoftmaxRequest.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
@interface ValidSoftmaxRequest {

    String message() default "breaks a rule between its fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<ValidSoftmaxRequest, SoftmaxRequest> {

        @Override
        public boolean isValid(SoftmaxRequest request, ConstraintValidatorContext context) {
            Violations violations = new Violations(context);
            if (request.logits() != null
                    && request.upstreamGradient() != null
                    && !request.upstreamGradient().hasShapeOf(request.logits())) {
                violations.add(
                        "/upstreamGradient",
                        "has shape "
                                + request.upstreamGradient().describeShape()
                                + ", but logits has "
                                + request.logits().describeShape());
            }
            return violations.isValid();
        }
    }
}
