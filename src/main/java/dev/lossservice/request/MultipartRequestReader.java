package dev.lossservice.request;

import dev.lossservice.core.Reduction;
import dev.lossservice.limits.ElementLimits;
import dev.lossservice.limits.LimitExceededException;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.problem.InvalidRequestException;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.ElementCount;
import dev.lossservice.tensor.NpyReader;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.TensorShapes;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service's {@code multipart/form-data} request reader, the NumPy transport's counterpart of
 * {@link JsonRequestReader}: each tensor field of the request record is a part holding a {@code
 * .npy} file ({@link NpyReader}), each scalar field a plain text part, each part named exactly as
 * the JSON field. It makes the same request record, so that everything after it (the record's Bean
 * Validation constraints, its cross-field rules, the controller) is the JSON path's.
 *
 * <p>The body is read into memory, as far as the body limit lets it ({@code RequestBodyLimitFilter}
 * counts the bytes as they are read), and split in place ({@link MultipartBody}): no part is
 * spooled to a temporary file, and no part is copied before its numbers are decoded. Every problem
 * is collected as the JSON reader collects them, with the JSON Pointer of the field ({@code
 * /logits}) or element ({@code /logits/1/3}): a part that is not a field of the request, a field
 * sent twice, a {@code .npy} file that is malformed or of the wrong dtype or rank, a scalar that
 * does not parse. If there were any, the record's constraints are checked at once too and
 * everything is answered together; otherwise {@code @Valid} checks them. A part with no content
 * counts as not sent, as an HTML form sends one for a field left empty.
 *
 * <p>{@link RequestRecordConverter} puts it on the servlet path; it is public so that benchmarks
 * can time exactly what a request costs to read.
 */
public final class MultipartRequestReader {

    /** Longest scalar text part: a number needs a few dozen characters at most. */
    static final int MAX_TEXT_BYTES = 256;

    /** A number as JSON writes one (RFC 8259), so that both transports accept the same texts. */
    private static final Pattern NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final LossServiceProperties properties;
    private final ElementLimits limits;
    private final RequestValidator validator;

    private final BodyBuffers buffers = new BodyBuffers();

    /** How each request type is made from parts, worked out once per type. */
    private final Map<Class<?>, Binding> bindings = new ConcurrentHashMap<>();

    public MultipartRequestReader(
            LossServiceProperties properties, ElementLimits limits, ValidatorFactory validators) {
        this(properties, limits, new RequestValidator(validators, properties));
    }

    MultipartRequestReader(
            LossServiceProperties properties, ElementLimits limits, RequestValidator validator) {
        this.properties = properties;
        this.limits = limits;
        this.validator = validator;
    }

    /**
     * Reads one request record from a multipart body.
     *
     * @param boundary the Content-Type's {@code boundary} parameter
     * @param declaredLength the Content-Length, or -1 (chunked)
     * @throws InvalidRequestException if the body breaks the contract, with every problem found
     * @throws LimitExceededException if it holds more numbers than allowed
     */
    public <T> T read(Class<T> type, InputStream body, String boundary, long declaredLength)
            throws IOException {
        Binding binding = bindings.computeIfAbsent(type, Binding::of);
        FieldProblems problems = new FieldProblems(properties.maxFieldProblems());
        ElementCount count = new ElementCount(limits);
        Object[] values = new Object[binding.fields().length];
        boolean[] sent = new boolean[values.length];
        MultipartBody multipart = null;
        try {
            multipart = MultipartBody.read(body, declaredLength, unquote(boundary), buffers);
            multipart.parts(
                    (name, array, offset, length) -> {
                        if (length == 0) {
                            return;
                        }
                        String pointer = FieldProblems.pointerTo(name);
                        Field field = binding.byName().get(name);
                        if (field == null) {
                            problems.add(pointer, "is not a field of this request");
                        } else if (sent[field.index()]) {
                            problems.add(pointer, "appears more than once");
                        } else {
                            sent[field.index()] = true;
                            values[field.index()] =
                                    field.read(array, offset, length, pointer, problems, count);
                        }
                    });
        } catch (MultipartBody.MalformedException e) {
            problems.add("", e.getMessage());
            problems.throwIfAny();
        } finally {
            // Every part is decoded into arrays of its own by now, or the read failed.
            if (multipart != null) {
                multipart.release(buffers);
            }
        }
        T request = type.cast(binding.make(values));
        if (!problems.isEmpty()) {
            validator.check(request, problems);
            problems.throwIfAny();
        }
        return request;
    }

    /** A parameter value may come quoted: {@code boundary="a b"}. */
    private static String unquote(String value) {
        if (value != null
                && value.length() >= 2
                && value.startsWith("\"")
                && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** What a record component is read from. */
    private enum Kind {
        TENSOR(Tensor.class),
        /** {@code int[]}: a 1-D array of class indices. */
        INDICES(ClassIndices.class),
        /** {@link ClassIndices}: class indices of the ranks the field's constraint allows. */
        CLASS_INDICES(ClassIndices.class),
        NUMBER(null),
        INTEGER(null),
        REDUCTION(null);

        /** What {@link NpyReader} decodes the part into; null for a text part. */
        final Class<?> npy;

        Kind(Class<?> npy) {
            this.npy = npy;
        }
    }

    /** One record component: its name, place, kind and, for a tensor, its constraint. */
    private record Field(String name, int index, Kind kind, TensorShape shape) {

        Object read(
                byte[] bytes,
                int offset,
                int length,
                String pointer,
                FieldProblems problems,
                ElementCount count) {
            if (kind.npy != null) {
                // An int[] field has no constraint to read: 1-D class indices, NpyReader's default.
                Object value =
                        NpyReader.read(
                                kind.npy,
                                bytes,
                                offset,
                                length,
                                kind == Kind.INDICES ? null : shape,
                                pointer,
                                problems,
                                count);
                return kind == Kind.INDICES && value instanceof ClassIndices indices
                        ? indices.values()
                        : value;
            }
            String text = text(bytes, offset, length, pointer, problems);
            return switch (kind) {
                case NUMBER -> number(text, pointer, problems);
                case INTEGER -> integer(text, pointer, problems);
                case REDUCTION -> reduction(text, pointer, problems);
                default -> throw new IllegalStateException("a .npy part, read above: " + kind);
            };
        }
    }

    /** How one request type is made: its components by name, and its canonical constructor. */
    private record Binding(Field[] fields, Map<String, Field> byName, Constructor<?> constructor) {

        static Binding of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            Field[] fields = new Field[components.length];
            Map<String, Field> byName = new HashMap<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                types[i] = component.getType();
                fields[i] =
                        new Field(
                                component.getName(),
                                i,
                                kind(type, component),
                                TensorShapes.declaredOn(component.getAccessor()));
                byName.put(component.getName(), fields[i]);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Binding(fields, Map.copyOf(byName), constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }

        private static Kind kind(Class<?> type, RecordComponent component) {
            Class<?> field = component.getType();
            if (field == Tensor.class) {
                return Kind.TENSOR;
            }
            if (field == int[].class) {
                return Kind.INDICES;
            }
            if (field == ClassIndices.class) {
                return Kind.CLASS_INDICES;
            }
            if (field == Double.class) {
                return Kind.NUMBER;
            }
            if (field == Integer.class) {
                return Kind.INTEGER;
            }
            if (field == Reduction.class) {
                return Kind.REDUCTION;
            }
            throw new IllegalStateException(
                    "no multipart reading for " + type.getSimpleName() + "." + component.getName());
        }

        /** The record, with null for every field not sent or not readable. */
        Object make(Object[] values) {
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A scalar part as text, without surrounding whitespace; null, with a problem, if long. */
    private static String text(
            byte[] bytes, int offset, int length, String pointer, FieldProblems problems) {
        if (length > MAX_TEXT_BYTES) {
            problems.add(
                    pointer,
                    "must be a short text part (at most " + MAX_TEXT_BYTES + " bytes), not a file");
            return null;
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8).strip();
    }

    /**
     * Whether {@code text} reads as {@code form}; one that does not adds {@code problem} at {@code
     * pointer}. Null (a part {@link #text} already refused) is false, with no second problem.
     */
    private static boolean hasForm(
            String text, Pattern form, String pointer, FieldProblems problems, String problem) {
        if (text == null) {
            return false;
        }
        if (!form.matcher(text).matches()) {
            problems.add(pointer, problem);
            return false;
        }
        return true;
    }

    /** A finite number, written as JSON writes numbers. */
    private static Double number(String text, String pointer, FieldProblems problems) {
        if (!hasForm(text, NUMBER, pointer, problems, "must be a number, as text such as 0.1")) {
            return null;
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            problems.add(pointer, "must be a finite number");
            return null;
        }
        return value;
    }

    /** An integer in the range of a Java {@code int}. */
    private static Integer integer(String text, String pointer, FieldProblems problems) {
        if (!hasForm(text, INTEGER, pointer, problems, "must be an integer")) {
            return null;
        }
        if (text.length() > 11 || Long.parseLong(text) != (int) Long.parseLong(text)) {
            problems.add(pointer, "is out of range");
            return null;
        }
        return Integer.parseInt(text);
    }

    /** {@code mean}, {@code sum} or {@code none}, as PyTorch spells them. */
    private static Reduction reduction(String text, String pointer, FieldProblems problems) {
        return text == null ? null : ScalarDeserializers.reductionNamed(text, pointer, problems);
    }
}
