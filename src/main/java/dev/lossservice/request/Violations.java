package dev.lossservice.request;

import dev.lossservice.core.Reduction;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.Tensor;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Reports the rules between the fields of a request, from a class-level constraint's validator,
 * each at the JSON Pointer of the place that breaks it ({@code /target/3}); {@link
 * RequestValidator} turns them back into pointers. The rules shared by several requests (exactly
 * one of two fields, class indices in range) are written here once.
 */
public final class Violations {

    /**
     * Most places one request's rules report: a million class indices out of range must not make a
     * million violations. The answer lists fewer still ({@code loss-service.max-field-problems}).
     */
    static final int MAX_REPORTED = 100;

    private final ConstraintValidatorContext context;
    private int reported;

    private final Set<String> unreadable;

    public Violations(ConstraintValidatorContext context) {
        this.context = context;
        context.disableDefaultConstraintViolation();
        UnreadableFields fields =
                context.unwrap(HibernateConstraintValidatorContext.class)
                        .getConstraintValidatorPayload(UnreadableFields.class);
        this.unreadable = fields == null ? Set.of() : fields.names();
    }

    /**
     * @param pointer where, e.g. {@code /target/3}; its first segment is a field of the request
     * @param detail what is wrong there, in words a client can act on
     */
    public void add(String pointer, String detail) {
        if (reported++ >= MAX_REPORTED) {
            return;
        }
        // Text in braces would be read as a message parameter; details are plain sentences.
        String template =
                detail.replace("\\", "\\\\")
                        .replace("{", "\\{")
                        .replace("}", "\\}")
                        .replace("$", "\\$");
        String[] segments = pointer.substring(1).split("/");
        NodeBuilderCustomizableContext node =
                context.buildConstraintViolationWithTemplate(template).addPropertyNode(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            node = node.addPropertyNode(segments[i]);
        }
        node.addConstraintViolation();
    }

    /** Whether nothing was reported: what {@code isValid} returns. */
    public boolean isValid() {
        return reported == 0;
    }

    /**
     * Exactly one of two fields must be given (not null). A field that was sent but could not be
     * read counts as given.
     *
     * @return whether exactly one was given and read, so the rules that need it can go on
     */
    public boolean exactlyOne(String first, Object firstValue, String second, Object secondValue) {
        boolean hasFirst = firstValue != null || unreadable.contains(first);
        boolean hasSecond = secondValue != null || unreadable.contains(second);
        if (hasFirst && hasSecond) {
            add("/" + second, "give either " + first + " or " + second + ", not both");
            return false;
        }
        if (!hasFirst && !hasSecond) {
            add("/" + first, "one of " + first + " or " + second + " is required");
            return false;
        }
        return firstValue != null || secondValue != null;
    }

    /** A tensor must have the shape of the input it goes with. */
    public void sameShape(String field, Tensor tensor, String inputField, Tensor input) {
        if (!tensor.hasShapeOf(input)) {
            add(
                    "/" + field,
                    "has shape "
                            + tensor.describeShape()
                            + ", but "
                            + inputField
                            + " has "
                            + input.describeShape());
        }
    }

    /** Class weights: one per class of the input. */
    public void classWeights(String field, Tensor weight, String inputField, int classes) {
        int length = weight.values().length;
        if (length != classes) {
            add(
                    "/" + field,
                    "has length "
                            + length
                            + ", but "
                            + inputField
                            + " has "
                            + classes
                            + " classes");
        }
    }

    /**
     * Checks class indices against the input: one per row, each in {@code [0, classes)} or equal to
     * {@code ignoreIndex} (null where no index is ignored).
     */
    public void classIndices(
            String field, int[] target, int rows, int classes, Integer ignoreIndex) {
        if (target.length != rows) {
            add(
                    "/" + field,
                    "has " + target.length + " class indices, but the input has " + rows + " rows");
            return;
        }
        for (int n = 0; n < target.length; n++) {
            int t = target[n];
            if ((t < 0 || t >= classes) && (ignoreIndex == null || t != ignoreIndex)) {
                add(
                        "/" + field + "/" + n,
                        "must be a class index in [0, "
                                + classes
                                + ")"
                                + (ignoreIndex == null ? "" : " or ignoreIndex " + ignoreIndex));
            }
        }
    }

    /**
     * The upstream gradient of a loss, {@code upstreamGradient}: with {@code reduction} none, a
     * tensor shaped like the per-position losses ({@code lossShape}; a bare number when that is
     * rank 0), as {@code losses.backward(upstreamGradient)} takes; with mean or sum (null is mean),
     * a bare number, as {@code loss.backward(upstreamGradient)}.
     *
     * @param lossShape the shape of the per-position losses
     */
    public void upstreamGradient(
            String field, Tensor upstream, Reduction reduction, int[] lossShape) {
        if (upstream == null) {
            return;
        }
        if (reduction != Reduction.NONE) {
            if (upstream.rank() != 0) {
                add(
                        "/" + field,
                        "must be a single number with reduction "
                                + (reduction == null
                                        ? "mean"
                                        : reduction.name().toLowerCase(Locale.ROOT))
                                + " (the gradient of the one reduced loss), not an array");
            }
            return;
        }
        if (!Arrays.equals(upstream.shape(), lossShape)) {
            add(
                    "/" + field,
                    "has shape "
                            + upstream.describeShape()
                            + ", but with reduction none it must have the shape of the"
                            + " per-position losses, "
                            + Tensor.describeShape(lossShape));
        }
    }

    /**
     * Class-index targets of any rank against an input with its classes in dimension 1: the shape
     * of the per-position losses ({@code lossShape}: a bare integer for an unbatched input, {@code
     * [N][d1]...[dk]} otherwise), each index in {@code [0, classes)} or equal to {@code
     * ignoreIndex}.
     *
     * @return whether the shape fits (the indices were then checked)
     */
    public boolean classIndices(
            String field,
            ClassIndices target,
            int[] lossShape,
            int classes,
            Integer ignoreIndex,
            String inputField,
            Tensor input) {
        int[] shape = target.shape();
        if (!Arrays.equals(shape, lossShape)) {
            String needed =
                    lossShape.length == 0
                            ? "a single class index (a number)"
                            : "class indices of shape " + Tensor.describeShape(lossShape);
            if (shape.length == 1 && lossShape.length == 1) {
                add(
                        "/" + field,
                        "has "
                                + shape[0]
                                + " class indices, but the input has "
                                + lossShape[0]
                                + " rows");
            } else if (shape.length == 0) {
                add(
                        "/" + field,
                        "is a single class index, but "
                                + inputField
                                + " of shape "
                                + input.describeShape()
                                + " is a batch: it needs "
                                + needed);
            } else {
                add(
                        "/" + field,
                        "has shape "
                                + target.describeShape()
                                + ", but "
                                + inputField
                                + " of shape "
                                + input.describeShape()
                                + " needs "
                                + needed
                                + " (its shape without the class dimension 1)");
            }
            return false;
        }
        int[] values = target.values();
        for (int i = 0; i < values.length; i++) {
            int t = values[i];
            if ((t < 0 || t >= classes) && (ignoreIndex == null || t != ignoreIndex)) {
                add(
                        Tensor.pointer(field, shape, i),
                        "must be a class index in [0, "
                                + classes
                                + ")"
                                + (ignoreIndex == null ? "" : " or ignoreIndex " + ignoreIndex));
            }
        }
        return true;
    }
}
