package dev.lossservice.numpy;

import static dev.lossservice.numpy.MultipartForm.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossservice.PyTorchFixtures;
import dev.lossservice.WebTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NumPy transport over a real port: {@code .npy} parts in, {@code .npz} out, against the same
 * requests in JSON. The {@code .npy} files and PyTorch's results for them are written by {@code
 * scripts/generate_npy_fixtures.py} (src/test/resources/npy/manifest.json).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NumpyTransportEndToEndTests {

    private static final String NPZ = "application/x-npz";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode MANIFEST = manifest();

    /** The tolerance of the controller tests against PyTorch's float64 results. */
    private static final double TOLERANCE = 1e-12;

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void seedAsNpyPartsGivesTheTutorialLoss() throws Exception {
        // PyTorch 1.13 float64: F.cross_entropy of the seed example (scripts/generate_fixtures.py)
        double loss =
                PyTorchFixtures.find("cross_entropy.json", "seed example, mean").number("loss");

        HttpResponse<byte[]> response =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy")),
                        "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).get("loss").doubleValue()).isEqualTo(loss);
    }

    @Test
    void everyValidNpyRequestGetsTheAnswerOfTheSameRequestInJsonByteForByte() throws Exception {
        for (JsonNode c : MANIFEST.get("valid")) {
            String name = c.get("name").asString();
            MultipartForm parts = form();
            for (Map.Entry<String, JsonNode> part : c.get("parts").properties()) {
                parts.file(part.getKey(), NumpyFiles.resource(part.getValue().asString()));
            }
            for (Map.Entry<String, JsonNode> text : c.get("text").properties()) {
                parts.text(text.getKey(), text.getValue().asString());
            }

            HttpResponse<byte[]> npy = post(c.get("path").asString(), parts, "application/json");
            HttpResponse<byte[]> json =
                    postJson(
                            c.get("path").asString(),
                            JSON.writeValueAsString(c.get("json")),
                            "*/*");

            assertThat(npy.statusCode()).as(name).isEqualTo(200);
            assertThat(json.statusCode()).as(name).isEqualTo(200);
            assertThat(text(npy)).as(name).isEqualTo(text(json));
            // PyTorch 1.13 float64 on the inputs as NumPy widens them (generate_npy_fixtures.py).
            assertThat(json(npy).get("loss").doubleValue())
                    .as(name)
                    .isCloseTo(c.at("/expected/loss").doubleValue(), within(TOLERANCE));
        }
    }

    @Test
    void float32AndInt32PartsAreWidenedExactly() throws Exception {
        JsonNode float32 = validCase("float32 logits, int32 target");
        HttpResponse<byte[]> npy =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-f4.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i4.npy")),
                        "application/json");
        // The float64 values NumPy's astype(float64) gives, as JSON: the same answer, to the bit.
        HttpResponse<byte[]> widened =
                postJson(
                        "/loss/cross-entropy", JSON.writeValueAsString(float32.get("json")), "*/*");
        HttpResponse<byte[]> float64 =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy")),
                        "application/json");

        assertThat(text(npy)).isEqualTo(text(widened));
        assertThat(json(npy).get("loss").doubleValue())
                .as("the float32 values are not the decimals they were rounded from")
                .isNotEqualTo(json(float64).get("loss").doubleValue());
        assertThat(json(npy).get("samples").get(1).get("target").asInt()).isEqualTo(2);
    }

    @Test
    void randomBatchGivesBitIdenticalAnswersAsJsonAndAsNpy() throws Exception {
        SplittableRandom random = new SplittableRandom(20261129);
        int rows = 257;
        int classes = 33;
        double[] logits = new double[rows * classes];
        long[] target = new long[rows];
        StringBuilder body = new StringBuilder("{\"logits\":[");
        for (int n = 0; n < rows; n++) {
            body.append(n > 0 ? ",[" : "[");
            for (int c = 0; c < classes; c++) {
                // Full-precision doubles over a wide range; Double.toString round-trips exactly.
                logits[n * classes + c] =
                        random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4));
                body.append(c > 0 ? "," : "").append(logits[n * classes + c]);
            }
            target[n] = random.nextInt(classes);
            body.append(']');
        }
        body.append("],\"target\":").append(java.util.Arrays.toString(target)).append('}');
        MultipartForm parts =
                form().file("logits", NumpyFiles.doubles(logits, rows, classes))
                        .file("target", NumpyFiles.longs(target, rows));

        assertThat(text(post("/loss/cross-entropy", parts, "application/json")))
                .isEqualTo(text(postJson("/loss/cross-entropy", body.toString(), "*/*")));
        assertThat(post("/loss/cross-entropy", parts, NPZ).body())
                .isEqualTo(postJson("/loss/cross-entropy", body.toString(), NPZ).body());
    }

    @Test
    void aChunkedMultipartBodyIsReadLikeOneWithALength() throws Exception {
        MultipartForm parts =
                form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                        .file("target", NumpyFiles.resource("seed-target-i8.npy"));
        // A body publisher of unknown length: HttpClient sends it chunked.
        HttpResponse<byte[]> chunked =
                http.send(
                        HttpRequest.newBuilder(uri("/loss/cross-entropy"))
                                .header("Content-Type", MultipartForm.contentType())
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new java.io.ByteArrayInputStream(
                                                                parts.bytes())))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(text(chunked))
                .isEqualTo(text(post("/loss/cross-entropy", parts, "application/json")));
    }

    @Test
    void npzAnswersEqualTheJsonAnswersBitForBit() throws Exception {
        for (String example :
                List.of(
                        "cross-entropy-seed",
                        "cross-entropy-probabilities",
                        "cross-entropy-label-smoothing",
                        "nll",
                        "bce-probabilities",
                        "bce-logits",
                        "bce-logits-1d",
                        "bce-sigmoid-multi-class",
                        "softmax",
                        "cross-entropy-segmentation",
                        "cross-entropy-unbatched",
                        "nll-segmentation",
                        "nll-unbatched",
                        "bce-segmentation",
                        "bce-unbatched",
                        "softmax-dim",
                        "softmax-unbatched")) {
            String path = path(example);
            String body = WebTestSupport.example(example);

            HttpResponse<byte[]> npz = postJson(path, body, NPZ);
            HttpResponse<byte[]> json = postJson(path, body, "application/json");

            assertThat(npz.statusCode()).as(example).isEqualTo(200);
            assertThat(npz.headers().firstValue("Content-Type")).as(example).hasValue(NPZ);
            Map<String, NumpyFiles.Array> arrays = NumpyFiles.readNpz(npz.body());
            assertSameNumbers(example, arrays, json(json));
            assertShapes(example, arrays, JSON.readTree(body), json(json));
        }
    }

    /**
     * Every array has the shape of its JSON field, and {@code losses} the shape of the positions:
     * for cross-entropy and NLL the input's without the class dimension ({@code []} unbatched), for
     * BCE the input's.
     */
    private static void assertShapes(
            String example, Map<String, NumpyFiles.Array> npz, JsonNode request, JsonNode json) {
        npz.forEach(
                (name, array) -> {
                    JsonNode field = json.get(name);
                    if (field != null && !name.equals("predictedClass")) {
                        assertThat(array.shape())
                                .as("%s %s", example, name)
                                .containsExactly(jsonShape(field));
                    }
                });
        if (npz.containsKey("losses")) {
            int[] expected;
            if (path(example).equals("/loss/bce")) {
                expected =
                        jsonShape(
                                request.has("logits")
                                        ? request.get("logits")
                                        : request.get("probabilities"));
            } else {
                int[] input =
                        jsonShape(
                                request.has("logits")
                                        ? request.get("logits")
                                        : request.get("logProbabilities"));
                // Unbatched [C] has one position, 0-d; otherwise drop the class dimension 1.
                expected = new int[input.length == 1 ? 0 : input.length - 1];
                for (int d = 0, k = 0; d < input.length && input.length > 1; d++) {
                    if (d != 1) {
                        expected[k++] = input[d];
                    }
                }
            }
            assertThat(npz.get("losses").shape())
                    .as("%s losses", example)
                    .containsExactly(expected);
        }
    }

    /** The shape of a JSON value of nested arrays ({@code []} for a number). */
    private static int[] jsonShape(JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            shape.add(n.size());
            if (n.isEmpty()) {
                break;
            }
        }
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void npzFromNpyPartsIsTheNpzOfTheSameRequestInJson() throws Exception {
        HttpResponse<byte[]> fromNpy =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy")),
                        NPZ);
        HttpResponse<byte[]> fromJson =
                postJson("/loss/cross-entropy", WebTestSupport.example("cross-entropy-seed"), NPZ);

        assertThat(fromNpy.statusCode()).isEqualTo(200);
        assertThat(fromNpy.body()).isEqualTo(fromJson.body());
        assertThat(NumpyFiles.readNpz(fromNpy.body()).keySet())
                .containsExactly("loss", "lossSum", "denominator", "losses", "gradient");
    }

    @Test
    void npzLeavesOutWhatJsonLeavesOutOrGivesAsNull() throws Exception {
        String seed = WebTestSupport.example("cross-entropy-seed");
        Map<String, NumpyFiles.Array> lossOnly =
                NumpyFiles.readNpz(
                        postJson("/loss/cross-entropy?samples=false&gradient=false", seed, NPZ)
                                .body());
        assertThat(lossOnly.keySet()).containsExactly("loss", "lossSum", "denominator");
        assertThat(lossOnly.get("loss").shape()).isEmpty();

        String none = seed.replaceFirst("\\{", "{\"reduction\": \"none\",");
        Map<String, NumpyFiles.Array> noReduction =
                NumpyFiles.readNpz(
                        postJson("/loss/cross-entropy?gradient=false", none, NPZ).body());
        assertThat(
                        json(postJson("/loss/cross-entropy", none, "application/json"))
                                .get("loss")
                                .isNull())
                .isTrue();
        assertThat(noReduction.keySet()).containsExactly("lossSum", "denominator", "losses");

        String softmax = WebTestSupport.example("softmax");
        assertThat(
                        NumpyFiles.readNpz(postJson("/softmax?gradient=false", softmax, NPZ).body())
                                .keySet())
                .containsExactly(
                        "probabilities", "logProbabilities", "logSumExp", "predictedClass");
    }

    @Test
    void npyPartsKeepTheShapeOfAnEmptyTensorThatJsonCannotCarry() throws Exception {
        // A batch of 0 samples of 4 classes: PyTorch's mean is NaN (null here), its sum 0.
        JsonNode mean =
                json(
                        post(
                                "/loss/cross-entropy",
                                form().file("logits", NumpyFiles.doubles(new double[0], 0, 4))
                                        .file("target", NumpyFiles.longs(new long[0], 0)),
                                "application/json"));
        assertThat(mean.get("loss").isNull()).isTrue();
        assertThat(mean.get("denominator").doubleValue()).isZero();
        assertThat(mean.get("samples")).isEmpty();

        // BCE over a 2 x 0 tensor: the answer's .npz keeps both sizes.
        HttpResponse<byte[]> bce =
                post(
                        "/loss/bce?gradient=true",
                        form().file("logits", NumpyFiles.doubles(new double[0], 2, 0))
                                .file("target", NumpyFiles.doubles(new double[0], 2, 0))
                                .text("reduction", "sum"),
                        NPZ);
        assertThat(bce.statusCode()).isEqualTo(200);
        Map<String, NumpyFiles.Array> arrays = NumpyFiles.readNpz(bce.body());
        assertThat(arrays.get("lossSum").values()).containsExactly(0.0);
        assertThat(arrays.get("gradient").shape()).containsExactly(2, 0);
        assertThat(arrays.get("losses").shape()).containsExactly(2, 0);
    }

    @Test
    void errorsStayProblemJsonWhenAnNpzIsAsked() throws Exception {
        HttpResponse<byte[]> response =
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("nan.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy")),
                        NPZ);

        assertProblem(response, "/logits/1/3");
    }

    @Test
    void everyHostileNpyFileIsA400NamingItsPart() throws Exception {
        for (JsonNode c : MANIFEST.get("hostile")) {
            String field = c.get("field").asString();
            MultipartForm parts =
                    form().file(
                                    "logits",
                                    NumpyFiles.resource(
                                            field.equals("logits")
                                                    ? c.get("file").asString()
                                                    : "seed-logits-f8.npy"))
                            .file(
                                    "target",
                                    NumpyFiles.resource(
                                            field.equals("target")
                                                    ? c.get("file").asString()
                                                    : "seed-target-i8.npy"));

            HttpResponse<byte[]> response = post("/loss/cross-entropy", parts, "application/json");

            assertThat(response.statusCode()).as(c.get("name").asString()).isEqualTo(400);
            assertProblem(response, c.get("pointer").asString());
        }
    }

    @Test
    void unknownDuplicateAndMissingPartsAre400sNamingThem() throws Exception {
        byte[] logits = NumpyFiles.resource("seed-logits-f8.npy");
        byte[] target = NumpyFiles.resource("seed-target-i8.npy");

        assertProblem(
                post(
                        "/loss/cross-entropy",
                        form().file("logits", logits)
                                .file("target", target)
                                .file("targets", target),
                        "application/json"),
                "/targets");
        assertProblem(
                post(
                        "/loss/cross-entropy",
                        form().file("logits", logits).file("target", target).file("logits", logits),
                        "application/json"),
                "/logits");
        assertProblem(
                post("/loss/cross-entropy", form().file("target", target), "application/json"),
                "/logits");
        assertProblem(
                post("/loss/nll", form().file("logProbabilities", logits), "application/json"),
                "/target");
    }

    @Test
    void textPartsAreCheckedAsTheirJsonFieldsAre() throws Exception {
        MultipartForm parts =
                form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                        .file("target", NumpyFiles.resource("seed-target-i8.npy"))
                        .text("labelSmoothing", "1e400")
                        .text("ignoreIndex", "1.5")
                        .text("reduction", "Mean");

        assertProblem(
                post("/loss/cross-entropy", parts, "application/json"),
                "/labelSmoothing",
                "/ignoreIndex",
                "/reduction");
        // Out of [0, 1]: the record's own constraint, exactly as for JSON.
        assertProblem(
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-f8.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy"))
                                .text("labelSmoothing", "1.5"),
                        "application/json"),
                "/labelSmoothing");
        // A class index out of range: the cross-field rules, as for JSON.
        assertProblem(
                post(
                        "/loss/cross-entropy",
                        form().file("logits", NumpyFiles.resource("seed-logits-2-classes.npy"))
                                .file("target", NumpyFiles.resource("seed-target-i8.npy")),
                        "application/json"),
                "/target/1");
    }

    @Test
    void aBodyThatIsNotMultipartAsDeclaredIsA400() throws Exception {
        byte[] unclosed =
                ("--"
                                + MultipartForm.BOUNDARY
                                + "\r\nContent-Disposition: form-data;"
                                + " name=\"reduction\"\r\n\r\nsum")
                        .getBytes(StandardCharsets.US_ASCII);
        HttpResponse<byte[]> response =
                http.send(
                        HttpRequest.newBuilder(uri("/loss/cross-entropy"))
                                .header("Content-Type", MultipartForm.contentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(unclosed))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertProblem(response, "");

        HttpResponse<byte[]> noBoundary =
                http.send(
                        HttpRequest.newBuilder(uri("/loss/cross-entropy"))
                                .header("Content-Type", "multipart/form-data")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(form().bytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertProblem(noBoundary, "");
    }

    /**
     * Compares every array of the archive with the JSON answer's field of the same name, bit for
     * bit: {@code losses} with each sample's loss (BCE with 2-D input: its element losses).
     */
    private static void assertSameNumbers(
            String example, Map<String, NumpyFiles.Array> npz, JsonNode json) {
        List<String> expected = new ArrayList<>();
        for (String field :
                List.of(
                        "loss",
                        "lossSum",
                        "denominator",
                        "gradient",
                        "probabilities",
                        "logProbabilities",
                        "logSumExp",
                        "predictedClass")) {
            JsonNode value = json.get(field);
            if (value != null && !value.isNull()) {
                expected.add(field);
                assertThat(bits(npz.get(field).values()))
                        .as("%s %s", example, field)
                        .containsExactly(bits(WebTestSupport.numbers(value)));
            }
        }
        if (json.has("samples")) {
            expected.add("losses");
            List<Double> losses = new ArrayList<>();
            for (JsonNode sample : json.get("samples")) {
                JsonNode elements = sample.get("elementLosses");
                for (double v :
                        elements != null
                                ? WebTestSupport.numbers(elements)
                                : new double[] {sample.get("loss").doubleValue()}) {
                    losses.add(v);
                }
            }
            assertThat(bits(npz.get("losses").values()))
                    .as("%s losses", example)
                    .containsExactly(bits(losses.stream().mapToDouble(d -> d).toArray()));
        }
        assertThat(npz.keySet()).as(example).containsExactlyInAnyOrderElementsOf(expected);
        if (npz.containsKey("predictedClass")) {
            assertThat(npz.get("predictedClass").descr()).isEqualTo("<i8");
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static void assertProblem(HttpResponse<byte[]> response, String... pointers) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:invalid-request");
        List<String> actual = new ArrayList<>();
        for (JsonNode error : problem.get("errors")) {
            actual.add(error.get("pointer").asString());
            assertThat(error.get("detail").asString()).isNotBlank();
        }
        assertThat(actual).as("pointers of %s", problem).containsExactly(pointers);
        assertThat(text(response)).doesNotContain("Exception", "\tat ");
    }

    private static String path(String example) {
        if (example.startsWith("cross-entropy")) {
            return "/loss/cross-entropy";
        }
        if (example.startsWith("bce")) {
            return "/loss/bce";
        }
        return example.startsWith("nll") ? "/loss/nll" : "/softmax";
    }

    private static JsonNode validCase(String name) {
        for (JsonNode c : MANIFEST.get("valid")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no valid case " + name);
    }

    private HttpResponse<byte[]> post(String path, MultipartForm parts, String accept)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", MultipartForm.contentType())
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(parts.bytes()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> postJson(String path, String body, String accept)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    private static JsonNode manifest() {
        try (InputStream in =
                NumpyTransportEndToEndTests.class.getResourceAsStream("/npy/manifest.json")) {
            JsonNode manifest = JSON.readTree(in);
            if (!manifest.at("/provenance/generator")
                    .asString()
                    .equals("scripts/generate_npy_fixtures.py")) {
                throw new IllegalStateException("manifest.json not written by its generator");
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
