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
 * What a {@link Tensor} or {@link ClassIndices} field may hold: its ranks, whether it may be an
 * empty batch, a rule for every number that refuses, and one that only warns. {@link
 * TensorJsonModule} reads the same annotation while it streams the field, so that a number where an
 * array belongs (or the reverse), or a number that breaks the rule, is reported at its exact
 * position; this validator holds the rule for tensors made in code.
 */
@Documented
@Constraint(validatedBy = {TensorShape.Validator.class, TensorShape.IndicesValidator.class})
@Target({FIELD, METHOD, PARAMETER})
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

    /** Null is valid: whether a field is required is {@code @NotNull}'s business. */
    final class Validator implements ConstraintValidator<TensorShape, Tensor> {

        // Copied out of the annotation, whose methods are reflective proxy calls: the check runs
        // once per number.
        private int minRank;
        private int maxRank;
        private boolean emptyBatch;
        private boolean emptyDimensions;
        private ValueRule rule;

        @Override
        public void initialize(TensorShape shape) {
            this.minRank = shape.minRank();
            this.maxRank = shape.maxRank();
            this.emptyBatch = shape.emptyBatch();
            this.emptyDimensions = shape.emptyDimensions();
            this.rule = shape.values();
        }

        @Override
        public boolean isValid(Tensor tensor, ConstraintValidatorContext context) {
            if (tensor == null) {
                return true;
            }
            if (emptyDimensions
                    ? tensor.rank() < minRank || tensor.rank() > maxRank
                    : !fits(tensor.shape(), minRank, maxRank, emptyBatch)) {
                return false;
            }
            for (double value : tensor.values()) {
                if (!Double.isFinite(value) || !rule.accepts(value)) {
                    return false;
                }
            }
            return true;
        }

        /** Rank in range; no dimension 0, except the first of an empty batch where allowed. */
        static boolean fits(int[] shape, int minRank, int maxRank, boolean emptyBatch) {
            if (shape.length < minRank || shape.length > maxRank) {
                return false;
            }
            if (emptyBatch && shape.length > 0 && shape[0] == 0) {
                return true;
            }
            for (int dimension : shape) {
                if (dimension == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The same rank and emptiness rules for class indices. */
    final class IndicesValidator implements ConstraintValidator<TensorShape, ClassIndices> {

        private int minRank;
        private int maxRank;
        private boolean emptyBatch;

        @Override
        public void initialize(TensorShape shape) {
            this.minRank = shape.minRank();
            this.maxRank = shape.maxRank();
            this.emptyBatch = shape.emptyBatch();
        }

        @Override
        public boolean isValid(ClassIndices indices, ConstraintValidatorContext context) {
            return indices == null || Validator.fits(indices.shape(), minRank, maxRank, emptyBatch);
        }
    }
}
