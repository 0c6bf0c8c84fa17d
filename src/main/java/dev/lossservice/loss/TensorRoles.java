package dev.lossservice.loss;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.ValueRule;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The roles that several tensor fields of the requests play, each a {@link TensorShape} under a
 * name that says what the field holds, so that a rank rule shared by several fields is written once
 * (a shape only one field has stays written out on it). Each is a composed Bean Validation
 * constraint: a violation is {@code TensorShape}'s own, with its message and the field's path, as
 * if the field carried {@code TensorShape} itself (no {@code @ReportAsSingleViolation}, so a role's
 * {@code message} is never shown). The codecs and {@link Warnings} find the shape through the role
 * ({@code TensorShapes}).
 */
public final class TensorRoles {

    private TensorRoles() {}

    /**
     * The scores of a loss over classes (logits, log-probabilities): classes in dimension 1, or the
     * only dimension of one unbatched sample; {@code []} is a batch of 0 samples.
     */
    @TensorShape(minRank = 1, maxRank = TensorShape.RANK_LIMIT, emptyBatch = true)
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface ClassScores {

        /** The shapes taken, for the field's documentation. */
        String SHAPES =
                "number[N][C] (C >= 1), number[C] for one unbatched sample, or"
                        + " number[N][C][d1]...[dk] (classes in dimension 1, up to rank 8); [] is"
                        + " a batch of 0.";

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * One value per position of {@link ClassScores}, the class dimension taken out: {@code [N]},
     * {@code [N][d1]...[dk]}, or a bare value for an unbatched sample. Class-index targets and the
     * upstream gradient of the per-position losses take this shape.
     */
    @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface PerPosition {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A weight per class, {@code number[C]}; a negative one is taken, with a warning. */
    @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface ClassWeights {

        /** The field's documentation, the same for every loss that takes class weights. */
        String DESCRIPTION =
                "Class weights, number[C]; negative weights are computed with, as PyTorch does, and"
                        + " answered with a warning.";

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * A tensor of any rank up to the limit, a bare number being rank 0, any of whose dimensions may
     * be 0: the input of an element-wise function (BCE, softmax) and a gradient of its shape.
     */
    @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT, emptyDimensions = true)
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface AnyShape {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * Element weights of any shape that broadcasts to the input's (NumPy's rules), not empty; a
     * negative one is taken, with a warning.
     */
    @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT, warnUnless = ValueRule.NON_NEGATIVE)
    @Constraint(validatedBy = {})
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface BroadcastWeights {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
