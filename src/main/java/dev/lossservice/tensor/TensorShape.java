package dev.lossservice.tensor;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
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
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * What a {@link Tensor} or {@link ClassIndices} field may hold: its ranks, whether it may be an
 * empty batch, a rule for every number that refuses, and one that only warns. {@link
 * TensorJsonModule} reads the same annotation while it streams the field, so that a number where an
 * array belongs (or the reverse), or a number that breaks the rule, is reported at its exact
 * position; this validator holds the rule for tensors made in code (for a request the codec read,
 * it checks the shape only: {@link ValuesCheckedOnRead}).
 *
 * <p>A field carries it directly or through an annotation that names the field's role and is itself
 * annotated with it (a composed constraint, such as {@code @ClassScores}); {@link TensorShapes}
 * finds it either way for the readers.
 */
@Documented
@Constraint(validatedBy = {TensorShape.Validator.class, TensorShape.IndicesValidator.class})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface TensorShape {

    /**
     * The most dimensions any tensor field takes: N, C and six more (PyTorch's losses take any
     * rank; a limit keeps a request's nesting, and so its parsing, bounded).
     */
    int RANK_LIMIT = 8;

    /** Rank 0 is a bare JSON number. */
    int minRank();

    int maxRank();

    /** Whether the tensor may be {@code []}: a batch of 0 samples, whatever its rank. */
    boolean emptyBatch() default false;

    /**
     * Whether any dimension may be 0, not only the first ({@code [[], []]} is 2 x 0), as for the
     * inputs that PyTorch takes with zero-size dimensions anywhere (BCE, softmax); implies {@link
     * #emptyBatch()}.
     */
    boolean emptyDimensions() default false;

    /** What every number must satisfy, besides being finite: anything else is a 400. */
    ValueRule values() default ValueRule.ANY;

    /**
     * What every number should satisfy: anything else is accepted, as PyTorch accepts it, and
     * answered with a warning ({@code Warnings.of} in the loss package) naming the first such
     * position.
     */
    ValueRule warnUnless() default ValueRule.ANY;

    String message() default "has the wrong rank, is empty or holds a number out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Checks a field against the rules of its annotation. Null is valid: whether a field is
     * required is {@code @NotNull}'s business.
     *
     * @param <T> the field's type
     */
    abstract class RulesValidator<T> implements ConstraintValidator<TensorShape, T> {

        private ShapeRules rules;

        @Override
        public final void initialize(TensorShape shape) {
            this.rules = ShapeRules.of(shape);
        }

        @Override
        public final boolean isValid(T value, ConstraintValidatorContext context) {
            return value == null || satisfies(value, rules, context);
        }

        abstract boolean satisfies(T value, ShapeRules rules, ConstraintValidatorContext context);
    }

    /** Ranks, emptiness, and every number finite and within the value rule. */
    final class Validator extends RulesValidator<Tensor> {

        @Override
        boolean satisfies(Tensor tensor, ShapeRules rules, ConstraintValidatorContext context) {
            if (rules.emptyDimensions()
                    ? tensor.rank() < rules.minRank() || tensor.rank() > rules.maxRank()
                    : !rules.fits(tensor.shape())) {
                return false;
            }
            if (context.unwrap(HibernateConstraintValidatorContext.class)
                            .getConstraintValidatorPayload(ValuesCheckedOnRead.class)
                    != null) {
                return true;
            }
            ValueRule rule = rules.values();
            for (double value : tensor.values()) {
                if (!Double.isFinite(value) || !rule.accepts(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The same rank and emptiness rules for class indices. */
    final class IndicesValidator extends RulesValidator<ClassIndices> {

        @Override
        boolean satisfies(
                ClassIndices indices, ShapeRules rules, ConstraintValidatorContext context) {
            return rules.fits(indices.shape());
        }
    }
}
