package dev.lossservice.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.lossservice.PyTorchFixtures;
import dev.lossservice.WebTestSupport;
import dev.lossservice.limits.ElementLimits;
import dev.lossservice.limits.LimitExceededException;
import dev.lossservice.numpy.NumpyFiles;
import dev.lossservice.problem.FieldProblem;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.problem.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code .npy} reader on its own. Files NumPy wrote come from {@code
 * scripts/generate_npy_fixtures.py} (src/test/resources/npy/); files made here exercise one header
 * rule at a time.
 */
class NpyReaderTests {

    /** Fields shaped as the requests' are, for their {@link TensorShape}s. */
    private record Shapes(
            @TensorShape(minRank = 2, maxRank = 2) Tensor matrix,
            @TensorShape(minRank = 1, maxRank = 3) Tensor anyRank,
            @TensorShape(minRank = 1, maxRank = 1, values = ValueRule.NON_NEGATIVE)
                    Tensor weights) {}

    private static final TensorShape MATRIX = shape("matrix");
    private static final TensorShape ANY_RANK = shape("anyRank");
    private static final TensorShape WEIGHTS = shape("weights");

    private static final ElementCount UNLIMITED =
            new ElementCount(new ElementLimits(Long.MAX_VALUE, Long.MAX_VALUE));

    /** The seed example's logits, as generate_fixtures.py writes them, row-major. */
    private static final double[] SEED =
            WebTestSupport.numbers(
                    PyTorchFixtures.find("cross_entropy.json", "seed example, mean")
                            .inputs()
                            .get("logits"));

    @Test
    void readsNumpysFileOfTheSeedLogits() {
        Tensor tensor = tensor(NumpyFiles.resource("seed-logits-f8.npy"), MATRIX);

        assertThat(tensor.shape()).containsExactly(3, 4);
        assertThat(tensor.values()).containsExactly(SEED);
    }

    @Test
    void readsEveryByteOrderOrderAndVersionToTheSameTensor() {
        for (String file :
                List.of(
                        "seed-logits-f8-big.npy",
                        "seed-logits-fortran.npy",
                        "seed-logits-v2.npy",
                        "seed-logits-v3.npy")) {
            Tensor tensor = tensor(NumpyFiles.resource(file), MATRIX);
            assertThat(tensor.shape()).as(file).containsExactly(3, 4);
            assertThat(tensor.values()).as(file).containsExactly(SEED);
        }
    }

    @Test
    void widensFloat32ExactlyInEitherByteOrder() {
        float[] floats = {
            0.1f, -0.0f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 16777217f, 1.0f / 3
        };
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ByteBuffer data = ByteBuffer.allocate(4 * floats.length).order(order);
            data.asFloatBuffer().put(floats);
            String descr = order == ByteOrder.LITTLE_ENDIAN ? "<f4" : ">f4";

            Tensor tensor =
                    tensor(
                            NumpyFiles.file(descr, new int[] {floats.length}, data.array()),
                            ANY_RANK);

            for (int i = 0; i < floats.length; i++) {
                assertThat(Double.doubleToRawLongBits(tensor.values()[i]))
                        .as("%s element %d", descr, i)
                        .isEqualTo(Double.doubleToRawLongBits((double) floats[i]));
            }
        }
    }

    @Test
    void putsFortranOrderedDataOfAnyRankInRowMajorOrder() {
        int[] shape = {2, 3, 4};
        double[] columnMajor = new double[24];
        double[] rowMajor = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    double value = 100 * i + 10 * j + k;
                    columnMajor[i + 2 * (j + 3 * k)] = value;
                    rowMajor[(i * 3 + j) * 4 + k] = value;
                }
            }
        }
        ByteBuffer data = ByteBuffer.allocate(8 * 24).order(ByteOrder.LITTLE_ENDIAN);
        data.asDoubleBuffer().put(columnMajor);
        byte[] file =
                withHeader(
                        "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 4), }",
                        data.array());

        Tensor tensor = tensor(file, ANY_RANK);

        assertThat(tensor.shape()).containsExactly(shape);
        assertThat(tensor.values()).containsExactly(rowMajor);
    }

    @Test
    void acceptsHeadersAsOtherWritersSpellThem() {
        byte[] data = NumpyFiles.doubles(new double[] {1, 2}, 2);
        byte[] values = Arrays.copyOfRange(data, data.length - 16, data.length);
        for (String header :
                List.of(
                        "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}",
                        "{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}",
                        "{'descr':'<f8','fortran_order':False,'shape':(2L,),}")) {
            assertThat(tensor(withHeader(header, values), ANY_RANK).values())
                    .as(header)
                    .containsExactly(1, 2);
        }
    }

    @Test
    void everyCommittedHostileFileIsOneProblemAtItsPointer() throws IOException {
        JsonNode manifest;
        try (InputStream in = getClass().getResourceAsStream("/npy/manifest.json")) {
            manifest = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode c : manifest.get("hostile")) {
            byte[] file = NumpyFiles.resource(c.get("file").asString());
            String field = c.get("field").asString();
            FieldProblems problems = new FieldProblems(20);

            Object value =
                    field.equals("target")
                            ? NpyReader.read(
                                    ClassIndices.class,
                                    file,
                                    0,
                                    file.length,
                                    null,
                                    "/target",
                                    problems,
                                    UNLIMITED)
                            : NpyReader.read(
                                    Tensor.class,
                                    file,
                                    0,
                                    file.length,
                                    MATRIX,
                                    "/logits",
                                    problems,
                                    UNLIMITED);

            assertThat(value).as(c.get("name").asString()).isNull();
            assertThat(pointers(problems))
                    .as(c.get("name").asString())
                    .containsExactly(c.get("pointer").asString());
        }
    }

    @Test
    void problemsSayWhatIsWrongWithoutQuotingTheFile() {
        assertThat(problem("bad-magic.npy")).contains("magic string");
        assertThat(problem("header-length-lies.npy"))
                .contains("ends inside its header: the header declares 4000 bytes");
        assertThat(problem("shape-lies-larger.npy"))
                .isEqualTo(
                        "declares shape (3, 5) of <f8, which is 120 bytes of data, but 96 bytes"
                                + " follow the header (truncated?)");
        assertThat(problem("huge-shape-small-body.npy"))
                .contains("declares shape (100000, 100000) of <f8, which is 80000000000 bytes");
        assertThat(problem("shape-overflow-long.npy"))
                .isEqualTo(
                        "declares shape (2147483647, 2147483647) of <f8, more bytes than a 64-bit"
                                + " count holds; 96 bytes follow the header");
        assertThat(problem("object.npy")).startsWith("holds Python objects (dtype |O)");
        assertThat(problem("structured.npy")).startsWith("holds a structured array");
        assertThat(problem("complex.npy")).startsWith("has dtype <c16; send <f8, <f4");
        assertThat(problem("logits-rank-1.npy"))
                .isEqualTo("must have 2 dimensions, but the .npy array has shape (4,)");
        assertThat(problem("logits-empty.npy")).isEqualTo("must not be empty");
    }

    @Test
    void anElementCountThatOverflowsALongIsAProblemNotAnArithmeticError() {
        byte[] floats =
                withHeader(
                        "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647,"
                                + " 2147483647, 2147483647), }",
                        new byte[8]);
        FieldProblems problems = new FieldProblems(20);

        assertThat(
                        NpyReader.read(
                                Tensor.class,
                                floats,
                                0,
                                floats.length,
                                ANY_RANK,
                                "/x",
                                problems,
                                UNLIMITED))
                .isNull();
        assertThat(details(problems))
                .containsExactly(
                        "/x declares shape (2147483647, 2147483647, 2147483647) of <f4, more bytes"
                                + " than a 64-bit count holds; 8 bytes follow the header");
    }

    @Test
    void valueRulesAndFinitenessAreCheckedAtEachElement() {
        FieldProblems problems = new FieldProblems(20);
        byte[] file = NumpyFiles.doubles(new double[] {1, -2, Double.NaN, 0}, 4);

        assertThat(
                        NpyReader.read(
                                Tensor.class,
                                file,
                                0,
                                file.length,
                                WEIGHTS,
                                "/weight",
                                problems,
                                UNLIMITED))
                .isNull();
        assertThat(details(problems))
                .containsExactly("/weight/1 must be >= 0", "/weight/2 must be a finite number");
    }

    @Test
    void elementLimitsAreCheckedBeforeTheArrayIsMade() {
        ElementCount count = new ElementCount(new ElementLimits(10, 100));
        byte[] file = NumpyFiles.doubles(new double[12], 3, 4);

        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(
                        () ->
                                NpyReader.read(
                                        Tensor.class,
                                        file,
                                        0,
                                        file.length,
                                        MATRIX,
                                        "/logits",
                                        new FieldProblems(20),
                                        count))
                .satisfies(e -> assertThat(e.limitName()).isEqualTo("max-tensor-elements"))
                .withMessageContaining("/logits");
    }

    @Test
    void theRequestLimitCountsEveryTensorOfTheRequest() {
        ElementCount count = new ElementCount(new ElementLimits(100, 20));
        byte[] file = NumpyFiles.doubles(new double[12], 3, 4);
        NpyReader.read(
                Tensor.class,
                file,
                0,
                file.length,
                MATRIX,
                "/logits",
                new FieldProblems(20),
                count);

        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(
                        () ->
                                NpyReader.read(
                                        Tensor.class,
                                        file,
                                        0,
                                        file.length,
                                        MATRIX,
                                        "/targetProbabilities",
                                        new FieldProblems(20),
                                        count))
                .satisfies(e -> assertThat(e.limitName()).isEqualTo("max-request-elements"));
    }

    @Test
    void readsClassIndicesOfEveryIntegerDtype() {
        for (String file :
                List.of(
                        "seed-target-i8.npy",
                        "seed-target-i4.npy",
                        "seed-target-i8-big.npy",
                        "seed-target-i4-big.npy",
                        "seed-target-i1.npy",
                        "seed-target-u1.npy")) {
            byte[] bytes = NumpyFiles.resource(file);
            assertThat(
                            NpyReader.read(
                                            ClassIndices.class,
                                            bytes,
                                            0,
                                            bytes.length,
                                            null,
                                            "/target",
                                            new FieldProblems(20),
                                            UNLIMITED)
                                    .values())
                    .as(file)
                    .containsExactly(0, 2, 1);
        }
        byte[] flags = NumpyFiles.resource("target-b1.npy");
        assertThat(
                        NpyReader.read(
                                        ClassIndices.class,
                                        flags,
                                        0,
                                        flags.length,
                                        null,
                                        "/target",
                                        new FieldProblems(20),
                                        UNLIMITED)
                                .values())
                .containsExactly(1, 0, 1);
    }

    @Test
    void readsAFileInTheMiddleOfABiggerArray() {
        byte[] file = NumpyFiles.resource("seed-logits-f8.npy");
        byte[] body = new byte[file.length + 100];
        System.arraycopy(file, 0, body, 37, file.length);

        Tensor tensor =
                NpyReader.read(
                        Tensor.class,
                        body,
                        37,
                        file.length,
                        MATRIX,
                        "/logits",
                        new FieldProblems(20),
                        UNLIMITED);

        assertThat(tensor.values()).containsExactly(SEED);
    }

    private static Tensor tensor(byte[] file, TensorShape shape) {
        FieldProblems problems = new FieldProblems(20);
        Tensor tensor =
                NpyReader.read(
                        Tensor.class, file, 0, file.length, shape, "/logits", problems, UNLIMITED);
        problems.throwIfAny();
        return tensor;
    }

    private static String problem(String resource) {
        byte[] file = NumpyFiles.resource(resource);
        FieldProblems problems = new FieldProblems(20);
        NpyReader.read(Tensor.class, file, 0, file.length, MATRIX, "/logits", problems, UNLIMITED);
        List<FieldProblem> found = problems(problems);
        assertThat(found).as(resource).hasSize(1);
        return found.get(0).detail();
    }

    private static List<FieldProblem> problems(FieldProblems problems) {
        try {
            problems.throwIfAny();
            return List.of();
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }

    private static List<String> pointers(FieldProblems problems) {
        return problems(problems).stream().map(FieldProblem::pointer).toList();
    }

    private static List<String> details(FieldProblems problems) {
        return problems(problems).stream().map(p -> p.pointer() + " " + p.detail()).toList();
    }

    /** A version 1.0 file with the given header dictionary, padded as NumPy pads it. */
    private static byte[] withHeader(String dictionary, byte[] data) {
        int unpadded = 10 + dictionary.length() + 1;
        String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer file =
                ByteBuffer.allocate(10 + header.length() + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        file.putShort((short) header.length());
        file.put(header.getBytes(StandardCharsets.US_ASCII));
        file.put(data);
        return file.array();
    }

    private static TensorShape shape(String component) {
        try {
            return Shapes.class.getDeclaredMethod(component).getAnnotation(TensorShape.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
