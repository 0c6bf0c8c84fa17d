package dev.lossservice.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates the subset of Python and NumPy that explain mode's {@code numpy} expressions use, in
 * double precision, so that tests can run the steps of live answers without a Python interpreter:
 * number literals, names, {@code + - * /} and {@code == !=} with NumPy's broadcasting, unary minus,
 * {@code np.exp log log1p abs maximum where eye arange float32 moveaxis reshape zeros_like}, the
 * method {@code reshape}, {@code len}, the methods {@code sum} and {@code max} with {@code axis}
 * and {@code keepdims}, the attributes {@code shape} and {@code size}, and indexing by integer
 * arrays (one per axis), by a boolean mask and by {@code :} and {@code None}. Anything else is an
 * {@link IllegalArgumentException}: an expression this evaluator cannot read is a test failure, not
 * a silent pass.
 *
 * <p>Arrays keep NumPy's three kinds that matter here: booleans (from comparisons; they index as
 * masks), integers (index as positions) and floats. Sums run left to right; NumPy's pairwise
 * summation differs from that only in rounding, far below the 1e-12 the steps are checked to.
 */
final class MiniNumpy {

    /** A value of the language: an array (rank 0 for scalars), a tuple, None, or a string. */
    sealed interface Value permits Array, Tuple, None, Text, Callable, Slice {}

    enum Kind {
        BOOL,
        INT,
        FLOAT
    }

    /** A NumPy array (rank 0 for a scalar), row-major. */
    record Array(double[] values, int[] shape, Kind kind) implements Value {

        static Array scalar(double value, Kind kind) {
            return new Array(new double[] {value}, new int[0], kind);
        }

        int rank() {
            return shape.length;
        }

        double only() {
            if (values.length != 1) {
                throw new IllegalArgumentException(
                        "expected a scalar, got shape " + Arrays.toString(shape));
            }
            return values[0];
        }

        int integer() {
            double value = only();
            if (kind == Kind.FLOAT || value != Math.rint(value)) {
                throw new IllegalArgumentException("expected an integer, got " + value);
            }
            return (int) value;
        }
    }

    record Tuple(List<Value> items) implements Value {}

    record None() implements Value {}

    record Text(String text) implements Value {}

    record Slice() implements Value {}

    /** A function or a bound method, applied to positional and keyword arguments. */
    record Callable(String name, Array self) implements Value {}

    private static final None NONE = new None();

    private final String text;
    private final Map<String, Value> names;
    private final List<String> tokens = new ArrayList<>();
    private int position;

    private MiniNumpy(String text, Map<String, Value> names) {
        this.text = text;
        this.names = names;
    }

    /**
     * Evaluates one expression.
     *
     * @param names the values of the free names; {@code np} is built in
     * @throws IllegalArgumentException if the expression uses anything outside the subset
     */
    static Value evaluate(String expression, Map<String, Value> names) {
        MiniNumpy parser = new MiniNumpy(expression, names);
        parser.tokenize();
        Value value = parser.expression();
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException(
                    "unexpected '" + parser.tokens.get(parser.position) + "' in " + expression);
        }
        return value;
    }

    static None none() {
        return NONE;
    }

    // --- tokens ----------------------------------------------------------------------------

    private void tokenize() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length()
                        && (Character.isDigit(text.charAt(i))
                                || text.charAt(i) == '.'
                                || text.charAt(i) == 'e'
                                || ((text.charAt(i) == '-' || text.charAt(i) == '+')
                                        && text.charAt(i - 1) == 'e'))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if ((c == '=' || c == '!')
                    && i + 1 < text.length()
                    && text.charAt(i + 1) == '=') {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else if ("+-*/()[],.:=".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                throw new IllegalArgumentException("unsupported character '" + c + "' in " + text);
            }
        }
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : "";
    }

    private String peek(int ahead) {
        return position + ahead < tokens.size() ? tokens.get(position + ahead) : "";
    }

    private boolean accept(String token) {
        if (peek().equals(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException(
                    "expected '" + token + "' but found '" + peek() + "' in " + text);
        }
    }

    // --- grammar: comparison < arithmetic < term < unary < postfix < atom --------------------

    private Value expression() {
        Value left = arithmetic();
        while (peek().equals("==") || peek().equals("!=")) {
            String op = tokens.get(position++);
            Value right = arithmetic();
            left =
                    broadcast(
                            array(left),
                            array(right),
                            Kind.BOOL,
                            op.equals("==") ? (a, b) -> a == b ? 1 : 0 : (a, b) -> a != b ? 1 : 0);
        }
        return left;
    }

    private Value arithmetic() {
        Value left = term();
        while (peek().equals("+") || peek().equals("-")) {
            boolean plus = tokens.get(position++).equals("+");
            Array a = array(left);
            Array b = array(term());
            left = broadcast(a, b, numeric(a, b), plus ? Double::sum : (x, y) -> x - y);
        }
        return left;
    }

    private Value term() {
        Value left = unary();
        while (peek().equals("*") || peek().equals("/")) {
            boolean times = tokens.get(position++).equals("*");
            Array a = array(left);
            Array b = array(unary());
            left =
                    times
                            ? broadcast(a, b, numeric(a, b), (x, y) -> x * y)
                            : broadcast(a, b, Kind.FLOAT, (x, y) -> x / y);
        }
        return left;
    }

    private Value unary() {
        if (accept("-")) {
            Array a = array(unary());
            return map(a, a.kind() == Kind.BOOL ? Kind.INT : a.kind(), x -> -x);
        }
        return postfix();
    }

    private Value postfix() {
        Value value = atom();
        while (true) {
            if (accept(".")) {
                value = attribute(value, tokens.get(position++));
            } else if (accept("(")) {
                List<Value> positional = new ArrayList<>();
                Map<String, Value> keywords = new HashMap<>();
                while (!accept(")")) {
                    if (peek(1).equals("=")) {
                        String name = tokens.get(position);
                        position += 2;
                        keywords.put(name, expression());
                    } else {
                        positional.add(expression());
                    }
                    if (!peek().equals(")")) {
                        expect(",");
                    }
                }
                value = call(value, positional, keywords);
            } else if (accept("[")) {
                List<Value> items = new ArrayList<>();
                while (!accept("]")) {
                    items.add(accept(":") ? new Slice() : expression());
                    if (!peek().equals("]")) {
                        expect(",");
                    }
                }
                value = index(value, items);
            } else {
                return value;
            }
        }
    }

    private Value atom() {
        String token = peek();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("unexpected end of " + text);
        }
        position++;
        if (token.equals("(")) {
            Value value = expression();
            expect(")");
            return value;
        }
        if (Character.isDigit(token.charAt(0))) {
            boolean integer = token.chars().allMatch(Character::isDigit);
            return Array.scalar(Double.parseDouble(token), integer ? Kind.INT : Kind.FLOAT);
        }
        switch (token) {
            case "None":
                return NONE;
            case "True":
                return Array.scalar(1, Kind.BOOL);
            case "False":
                return Array.scalar(0, Kind.BOOL);
            case "np":
                return new Callable("np", null);
            case "len":
                return new Callable("len", null);
            default:
                Value value = names.get(token);
                if (value == null) {
                    throw new IllegalArgumentException("unknown name '" + token + "' in " + text);
                }
                return value;
        }
    }

    // --- attributes, calls, indexing --------------------------------------------------------

    private static Value attribute(Value value, String name) {
        if (value instanceof Callable module && module.name().equals("np")) {
            return switch (name) {
                case "exp",
                        "log",
                        "log1p",
                        "abs",
                        "maximum",
                        "where",
                        "eye",
                        "arange",
                        "float32",
                        "moveaxis",
                        "reshape",
                        "zeros_like" ->
                        new Callable("np." + name, null);
                default -> throw new IllegalArgumentException("np." + name + " is not supported");
            };
        }
        Array array = array(value);
        return switch (name) {
            case "shape" -> {
                List<Value> dims = new ArrayList<>();
                for (int dimension : array.shape()) {
                    dims.add(Array.scalar(dimension, Kind.INT));
                }
                yield new Tuple(dims);
            }
            case "size" -> Array.scalar(array.values().length, Kind.INT);
            case "sum", "max", "reshape" -> new Callable(name, array);
            default -> throw new IllegalArgumentException("." + name + " is not supported");
        };
    }

    private static Value call(Value target, List<Value> args, Map<String, Value> keywords) {
        if (!(target instanceof Callable callable)) {
            throw new IllegalArgumentException("not callable: " + target);
        }
        if (callable.self() != null && callable.name().equals("reshape")) {
            return reshape(callable.self(), args);
        }
        if (callable.self() != null) {
            Value axis = keywords.getOrDefault("axis", args.isEmpty() ? NONE : args.get(0));
            Value keep = keywords.getOrDefault("keepdims", Array.scalar(0, Kind.BOOL));
            boolean keepdims = array(keep).only() != 0;
            Integer axisIndex = axis instanceof None ? null : array(axis).integer();
            boolean sum = callable.name().equals("sum");
            return reduce(callable.self(), axisIndex, keepdims, sum);
        }
        if (!keywords.isEmpty()) {
            throw new IllegalArgumentException(callable.name() + " takes no keywords here");
        }
        return switch (callable.name()) {
            case "len" -> Array.scalar(array(args.get(0)).shape()[0], Kind.INT);
            case "np.exp" -> map(array(args.get(0)), Kind.FLOAT, Math::exp);
            case "np.log" -> map(array(args.get(0)), Kind.FLOAT, Math::log);
            case "np.log1p" -> map(array(args.get(0)), Kind.FLOAT, Math::log1p);
            case "np.abs" -> map(array(args.get(0)), array(args.get(0)).kind(), Math::abs);
            case "np.float32" ->
                    Array.scalar((double) (float) array(args.get(0)).only(), Kind.FLOAT);
            case "np.maximum" -> {
                Array a = array(args.get(0));
                Array b = array(args.get(1));
                // NaN-propagating, as np.maximum; Math.max propagates NaN too.
                yield broadcast(a, b, numeric(a, b), Math::max);
            }
            case "np.where" -> where(array(args.get(0)), array(args.get(1)), array(args.get(2)));
            case "np.eye" -> {
                int n = array(args.get(0)).integer();
                double[] values = new double[n * n];
                for (int i = 0; i < n; i++) {
                    values[i * n + i] = 1;
                }
                yield new Array(values, new int[] {n, n}, Kind.FLOAT);
            }
            case "np.reshape" -> reshape(array(args.get(0)), args.subList(1, args.size()));
            case "np.moveaxis" ->
                    moveaxis(
                            array(args.get(0)),
                            array(args.get(1)).integer(),
                            array(args.get(2)).integer());
            case "np.zeros_like" -> {
                Array a = array(args.get(0));
                yield new Array(new double[a.values().length], a.shape(), a.kind());
            }
            case "np.arange" -> {
                int n = array(args.get(0)).integer();
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = i;
                }
                yield new Array(values, new int[] {n}, Kind.INT);
            }
            default -> throw new IllegalArgumentException(callable.name() + " is not callable");
        };
    }

    private static Value index(Value target, List<Value> items) {
        if (target instanceof Tuple tuple) {
            if (items.size() != 1) {
                throw new IllegalArgumentException("a tuple takes one index");
            }
            int i = array(items.get(0)).integer();
            return tuple.items().get(i < 0 ? i + tuple.items().size() : i);
        }
        Array array = array(target);
        if (items.stream().allMatch(item -> item instanceof Slice || item instanceof None)) {
            List<Integer> shape = new ArrayList<>();
            int dimension = 0;
            for (Value item : items) {
                if (item instanceof None) {
                    shape.add(1);
                } else {
                    shape.add(array.shape()[dimension++]);
                }
            }
            while (dimension < array.rank()) {
                shape.add(array.shape()[dimension++]);
            }
            return new Array(
                    array.values(),
                    shape.stream().mapToInt(Integer::intValue).toArray(),
                    array.kind());
        }
        if (items.size() == 1 && array(items.get(0)).kind() == Kind.BOOL) {
            Array mask = array(items.get(0));
            if (!Arrays.equals(mask.shape(), array.shape()) || array.rank() != 1) {
                throw new IllegalArgumentException("only a 1-D mask of the array's shape");
            }
            double[] picked =
                    java.util.stream.IntStream.range(0, array.values().length)
                            .filter(i -> mask.values()[i] != 0)
                            .mapToDouble(i -> array.values()[i])
                            .toArray();
            return new Array(picked, new int[] {picked.length}, array.kind());
        }
        if (items.size() == 1) {
            Array positions = integers(array(items.get(0)));
            int rows = array.shape()[0];
            int inner = array.values().length / Math.max(rows, 1);
            double[] values = new double[positions.values().length * inner];
            for (int i = 0; i < positions.values().length; i++) {
                int row = checked((int) positions.values()[i], rows);
                System.arraycopy(array.values(), row * inner, values, i * inner, inner);
            }
            int[] shape =
                    concat(positions.shape(), Arrays.copyOfRange(array.shape(), 1, array.rank()));
            return new Array(values, shape, array.kind());
        }
        if (items.size() == 2 && array.rank() == 2) {
            Array rows = integers(array(items.get(0)));
            Array columns = integers(array(items.get(1)));
            int columnCount = array.shape()[1];
            return broadcast(
                    rows,
                    columns,
                    array.kind(),
                    (r, c) ->
                            array.values()[
                                    checked((int) r, array.shape()[0]) * columnCount
                                            + checked((int) c, columnCount)]);
        }
        throw new IllegalArgumentException("unsupported index " + items);
    }

    private static Array integers(Array positions) {
        if (positions.kind() != Kind.INT) {
            throw new IllegalArgumentException(
                    "arrays index with integers, got " + positions.kind());
        }
        return positions;
    }

    private static int checked(int index, int size) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("index " + index + " is out of bounds for " + size);
        }
        return i;
    }

    // --- array arithmetic ---------------------------------------------------------------------

    static Array array(Value value) {
        if (value instanceof Array array) {
            return array;
        }
        throw new IllegalArgumentException("expected an array, got " + value);
    }

    private static Kind numeric(Array a, Array b) {
        return a.kind() == Kind.FLOAT || b.kind() == Kind.FLOAT ? Kind.FLOAT : Kind.INT;
    }

    private static Array map(Array a, Kind kind, DoubleUnaryOperator f) {
        double[] values = new double[a.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.applyAsDouble(a.values()[i]);
        }
        return new Array(values, a.shape(), kind);
    }

    /** NumPy's broadcasting: shapes aligned at the right, each dimension equal or 1. */
    static int[] broadcastShape(int[]... shapes) {
        int rank = 0;
        for (int[] shape : shapes) {
            rank = Math.max(rank, shape.length);
        }
        int[] result = new int[rank];
        Arrays.fill(result, 1);
        for (int[] shape : shapes) {
            for (int i = 0; i < shape.length; i++) {
                int d = rank - shape.length + i;
                if (shape[i] != 1) {
                    if (result[d] != 1 && result[d] != shape[i]) {
                        throw new IllegalArgumentException(
                                "shapes do not broadcast: " + Arrays.deepToString(shapes));
                    }
                    result[d] = shape[i];
                }
            }
        }
        return result;
    }

    /** The flat index into {@code shape} of the element at broadcast position {@code flat}. */
    private static int source(int flat, int[] result, int[] shape) {
        int index = 0;
        int stride = 1;
        for (int d = result.length - 1, s = shape.length - 1; s >= 0; d--, s--) {
            int coordinate = flat % result[d];
            flat /= result[d];
            if (shape[s] != 1) {
                index += coordinate * stride;
            }
            stride *= shape[s];
        }
        return index;
    }

    private static Array broadcast(Array a, Array b, Kind kind, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape(), b.shape());
        double[] values = new double[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] =
                    f.applyAsDouble(
                            a.values()[source(i, shape, a.shape())],
                            b.values()[source(i, shape, b.shape())]);
        }
        return new Array(values, shape, kind);
    }

    private static Array where(Array condition, Array a, Array b) {
        int[] shape = broadcastShape(condition.shape(), a.shape(), b.shape());
        double[] values = new double[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] =
                    condition.values()[source(i, shape, condition.shape())] != 0
                            ? a.values()[source(i, shape, a.shape())]
                            : b.values()[source(i, shape, b.shape())];
        }
        return new Array(values, shape, numeric(a, b));
    }

    private static Array reduce(Array a, Integer axis, boolean keepdims, boolean sum) {
        Kind kind = sum && a.kind() == Kind.BOOL ? Kind.INT : a.kind();
        if (axis == null) {
            double total = sum ? 0 : Double.NEGATIVE_INFINITY;
            for (double value : a.values()) {
                total = sum ? total + value : Math.max(total, value);
            }
            int[] shape = new int[keepdims ? a.rank() : 0];
            Arrays.fill(shape, 1);
            return new Array(new double[] {total}, shape, kind);
        }
        if (a.rank() == 0 && (axis == 0 || axis == -1)) {
            // NumPy reduces a 0-d array along axis 0 or -1 as along all axes.
            return reduce(a, null, false, sum);
        }
        int d = axis < 0 ? axis + a.rank() : axis;
        if (d < 0 || d >= a.rank()) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds");
        }
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= a.shape()[i];
        }
        int length = a.shape()[d];
        int inner = 1;
        for (int i = d + 1; i < a.rank(); i++) {
            inner *= a.shape()[i];
        }
        double[] values = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double total = sum ? 0 : Double.NEGATIVE_INFINITY;
                for (int k = 0; k < length; k++) {
                    double value = a.values()[(o * length + k) * inner + in];
                    total = sum ? total + value : Math.max(total, value);
                }
                values[o * inner + in] = total;
            }
        }
        List<Integer> shape = new ArrayList<>();
        for (int i = 0; i < a.rank(); i++) {
            if (i != d) {
                shape.add(a.shape()[i]);
            } else if (keepdims) {
                shape.add(1);
            }
        }
        return new Array(values, shape.stream().mapToInt(Integer::intValue).toArray(), kind);
    }

    /** {@code a.reshape(...)}: sizes as arguments or one tuple, at most one of them -1. */
    private static Array reshape(Array a, List<Value> args) {
        List<Value> sizes =
                args.size() == 1 && args.get(0) instanceof Tuple tuple ? tuple.items() : args;
        int[] shape = new int[sizes.size()];
        int unknown = -1;
        int known = 1;
        for (int d = 0; d < shape.length; d++) {
            shape[d] = array(sizes.get(d)).integer();
            if (shape[d] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape takes at most one -1");
                }
                unknown = d;
            } else {
                known *= shape[d];
            }
        }
        int length = a.values().length;
        if (unknown >= 0) {
            if (known == 0 || length % known != 0) {
                throw new IllegalArgumentException(
                        "cannot reshape " + length + " values with -1 into " + sizes);
            }
            shape[unknown] = length / known;
        }
        if (size(shape) != length) {
            throw new IllegalArgumentException(
                    "cannot reshape " + length + " values into " + Arrays.toString(shape));
        }
        return new Array(a.values(), shape, a.kind());
    }

    /** {@code np.moveaxis(a, source, destination)} for one axis. */
    private static Array moveaxis(Array a, int source, int destination) {
        int rank = a.rank();
        int from = checked(source, rank);
        int to = checked(destination, rank);
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (d != from) {
                order.add(d);
            }
        }
        order.add(to, from);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = a.shape()[order.get(d)];
        }
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= a.shape()[d];
        }
        double[] values = new double[a.values().length];
        int[] coordinate = new int[rank];
        for (int i = 0; i < values.length; i++) {
            int at = 0;
            for (int d = 0; d < rank; d++) {
                at += coordinate[d] * strides[order.get(d)];
            }
            values[i] = a.values()[at];
            for (int d = rank - 1; d >= 0; d--) {
                if (++coordinate[d] < shape[d]) {
                    break;
                }
                coordinate[d] = 0;
            }
        }
        return new Array(values, shape, a.kind());
    }

    private static int size(int[] shape) {
        int size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
