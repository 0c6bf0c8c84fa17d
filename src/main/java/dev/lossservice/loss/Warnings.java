package dev.lossservice.loss;

import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.TensorShapes;
import dev.lossservice.tensor.ValueRule;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the {@link Warning}s of one answer: one per kind of oddity and field, naming the first
 * offending position. {@link #of(Record)} finds those that a request record declares ({@link
 * TensorShape#warnUnless()}); an endpoint adds its own with {@link #add} or {@link #check}.
 */
public final class Warnings {

    /** The tensor fields of each request type that declare a rule to warn about. */
    private static final Map<Class<?>, List<Checked>> DECLARED = new ConcurrentHashMap<>();

    private record Checked(RecordComponent component, ValueRule rule) {}

    private final List<Warning> found = new ArrayList<>();

    /**
     * The warnings that the tensor fields of {@code request} declare with {@link
     * TensorShape#warnUnless()}, in the order of the fields.
     */
    public static Warnings of(Record request) {
        Warnings warnings = new Warnings();
        for (Checked checked : DECLARED.computeIfAbsent(request.getClass(), Warnings::declared)) {
            Object value;
            try {
                value = checked.component().getAccessor().invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            warnings.check(checked.component().getName(), (Tensor) value, checked.rule());
        }
        return warnings;
    }

    private static List<Checked> declared(Class<?> type) {
        List<Checked> checked = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            TensorShape shape = TensorShapes.declaredOn(component.getAccessor());
            if (shape != null
                    && shape.warnUnless() != ValueRule.ANY
                    && component.getType() == Tensor.class) {
                component.getAccessor().setAccessible(true);
                checked.add(new Checked(component, shape.warnUnless()));
            }
        }
        return List.copyOf(checked);
    }

    /**
     * Adds a warning at the first number of {@code tensor} (in field {@code field}) that breaks
     * {@code rule}, with the rule's {@link ValueRule#warning() text}; nothing when all keep it or
     * the tensor is null.
     */
    public Warnings check(String field, Tensor tensor, ValueRule rule) {
        if (tensor == null) {
            return this;
        }
        double[] values = tensor.values();
        for (int i = 0; i < values.length; i++) {
            if (!rule.accepts(values[i])) {
                add(Tensor.pointer(field, tensor.shape(), i), rule.warning());
                break;
            }
        }
        return this;
    }

    public Warnings add(String pointer, String detail) {
        found.add(new Warning(pointer, detail));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The warnings for the answer: null when there are none, so that the field is left out. */
    public List<Warning> toList() {
        return found.isEmpty() ? null : List.copyOf(found);
    }
}
