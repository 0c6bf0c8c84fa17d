package dev.lossservice.crossentropy;

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

/**
 * The rules between the fields of a {@link CrossEntropyRequest}: exactly one of {@code target} and
 * {@code targetProbabilities}; {@code ignoreIndex} only with {@code target}; targets and weights
 * that fit the logits.
 */
@Documented
@Constraint(validatedBy = ValidCrossEntropyRequest.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
@interface ValidCrossEntropyRequest {

    String message() default "breaks a rule between its fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator
            implements ConstraintValidator<ValidCrossEntropyRequest, CrossEntropyRequest> {

        @Override
        public boolean isValid(CrossEntropyRequest request, ConstraintValidatorContext context) {
            Violations violations = new Violations(context);
            violations.exactlyOne(
                    "target",
                    request.target(),
                    "targetProbabilities",
                    request.targetProbabilities());
            if (request.ignoreIndex() != null && request.targetProbabilities() != null) {
                violations.add(
                        "/ignoreIndex", "applies only with target, not with targetProbabilities");
            }
            if (request.logits() != null && request.logits().rank() == 2) {
                int rows = request.logits().rows();
                int classes = request.logits().columns();
                if (request.target() != null) {
                    violations.classIndices(
                            "target",
                            request.target(),
                            rows,
                            classes,
                            request.ignoreIndex() == null
                                    ? CrossEntropy.DEFAULT_IGNORE_INDEX
                                    : request.ignoreIndex());
                }
                if (request.targetProbabilities() != null
                        && !request.targetProbabilities().hasShapeOf(request.logits())) {
                    violations.add(
                            "/targetProbabilities",
                            "has shape "
                                    + request.targetProbabilities().describeShape()
                                    + ", but logits has "
                                    + request.logits().describeShape());
                }
                if (request.weight() != null && request.weight().values().length != classes) {
                    violations.add(
                            "/weight",
                            "has length "
                                    + request.weight().values().length
                                    + ", but logits has "
                                    + classes
                                    + " classes");
                }
            }
            return violations.isValid();
        }
    }
}
