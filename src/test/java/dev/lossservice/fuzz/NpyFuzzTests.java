package dev.lossservice.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lossservice.limits.ElementLimits;
import dev.lossservice.limits.LimitExceededException;
import dev.lossservice.numpy.MultipartForm;
import dev.lossservice.numpy.NumpyFiles;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.ElementCount;
import dev.lossservice.tensor.NpyReader;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the NumPy transport: the {@code .npy} decoder on its own ({@link #decoder}), one part of a
 * request through the whole application ({@link #npyPart}: full context, filters, multipart reader,
 * validation, controllers, the {@code .npz} or JSON writer, through MockMvc, as {@link
 * EndpointFuzzTests} fuzzes JSON bodies), and whole multipart bodies ({@link #multipartBody}).
 *
 * <p>The decoder must answer every file with a tensor whose shape holds exactly its values, all
 * finite, or with problems, or with a crossed element limit; nothing else may escape. Over HTTP the
 * answer must be a 2xx (finite JSON, or an {@code .npz} the tests' own reader reads) or a 4xx
 * problem detail. Without {@code JAZZER_FUZZ=1} each method replays its committed inputs under
 * {@code src/test/resources/dev/lossservice/fuzz/NpyFuzzTestsInputs/<method>/}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NpyFuzzTests {

    private static final JsonMapper STRICT =
            JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** An endpoint, the field the fuzzer's file is sent as, and the valid parts beside it. */
    private record Target(String path, String field, Map<String, String> others) {}

    private static final Target[] TARGETS = {
        new Target("/loss/cross-entropy", "logits", Map.of("target", "seed-target-i8.npy")),
        new Target("/loss/cross-entropy", "target", Map.of("logits", "seed-logits-f8.npy")),
        new Target(
                "/loss/cross-entropy",
                "targetProbabilities",
                Map.of("logits", "seed-logits-f8.npy")),
        new Target(
                "/loss/cross-entropy",
                "weight",
                Map.of("logits", "seed-logits-f8.npy", "target", "seed-target-i8.npy")),
        new Target("/loss/nll", "logProbabilities", Map.of("target", "seed-target-i8.npy")),
        new Target("/loss/bce", "logits", Map.of("targetClasses", "seed-target-i8.npy")),
        new Target("/loss/bce", "probabilities", Map.of("targetClasses", "seed-target-i8.npy")),
        new Target("/softmax", "logits", Map.of()),
        new Target("/softmax", "upstreamGradient", Map.of("logits", "seed-logits-f8.npy"))
    };

    private static final String[] ACCEPTS = {"application/json", "application/x-npz"};

    private static final String[] PATHS = {
        "/loss/cross-entropy", "/loss/nll", "/loss/bce", "/softmax"
    };

    /** Fields of the shapes the requests declare, for the decoder on its own. */
    private record Shapes(
            @TensorShape(minRank = 2, maxRank = 2) Tensor matrix,
            @TensorShape(minRank = 0, maxRank = 8) Tensor anyRank) {}

    private static final TensorShape MATRIX = shape("matrix");
    private static final TensorShape ANY_RANK = shape("anyRank");

    @Autowired MockMvc mvc;

    @FuzzTest(maxDuration = "2m")
    void decoder(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 2);
        byte[] file = data.consumeRemainingAsBytes();
        FieldProblems problems = new FieldProblems(20);
        ElementCount count = new ElementCount(new ElementLimits(1 << 20, 1 << 20));
        try {
            if (kind == 2) {
                var indices =
                        NpyReader.read(
                                ClassIndices.class,
                                file,
                                0,
                                file.length,
                                null,
                                "/t",
                                problems,
                                count);
                assertThat(indices == null).isEqualTo(!problems.isEmpty());
                return;
            }
            Tensor tensor =
                    NpyReader.read(
                            Tensor.class,
                            file,
                            0,
                            file.length,
                            kind == 0 ? MATRIX : ANY_RANK,
                            "/x",
                            problems,
                            count);
            assertThat(tensor == null).isEqualTo(!problems.isEmpty());
            if (tensor != null) {
                long size = 1;
                for (int dimension : tensor.shape()) {
                    size *= dimension;
                }
                assertThat(tensor.values()).hasSize((int) size);
                for (double value : tensor.values()) {
                    assertThat(Double.isFinite(value)).isTrue();
                }
            }
        } catch (LimitExceededException e) {
            // A header within its data but over a limit: the 413 of a real request.
        }
    }

    @FuzzTest(maxDuration = "2m")
    void npyPart(FuzzedDataProvider data) throws Exception {
        Target target = data.pickValue(TARGETS);
        String accept = data.pickValue(ACCEPTS);
        byte[] file = data.consumeRemainingAsBytes();
        MultipartForm form = MultipartForm.form().file(target.field(), file);
        target.others()
                .forEach((field, resource) -> form.file(field, NumpyFiles.resource(resource)));

        check(exchange(target.path(), MultipartForm.contentType(), accept, form.bytes()), accept);
    }

    @FuzzTest(maxDuration = "2m")
    void multipartBody(FuzzedDataProvider data) throws Exception {
        String path = data.pickValue(PATHS);
        byte[] body = data.consumeRemainingAsBytes();

        check(
                exchange(path, MultipartForm.contentType(), "application/json", body),
                "application/json");
    }

    private MockHttpServletResponse exchange(
            String path, String contentType, String accept, byte[] body) throws Exception {
        return mvc.perform(post(path).contentType(contentType).accept(accept).content(body))
                .andReturn()
                .getResponse();
    }

    private static void check(MockHttpServletResponse response, String accept) throws Exception {
        int status = response.getStatus();
        assertThat(status / 100).as("status class of %d", status).isIn(2, 4);
        if (status >= 400) {
            String text = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            JsonNode json = STRICT.readTree(text);
            assertThat(json.get("status").asInt()).isEqualTo(status);
            assertThat(json.get("type").isString()).isTrue();
            assertThat(json.get("title").isString()).isTrue();
            assertThat(json.get("detail").isString()).isTrue();
            assertThat(text).doesNotContain("Exception", "\tat ", "tools.jackson");
        } else if (accept.equals("application/x-npz")) {
            assertThat(response.getContentType()).isEqualTo("application/x-npz");
            for (NumpyFiles.Array array :
                    NumpyFiles.readNpz(response.getContentAsByteArray()).values()) {
                for (double value : array.values()) {
                    assertThat(Double.isFinite(value)).isTrue();
                }
            }
        } else {
            assertThat(
                            STRICT.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                                    .isObject())
                    .isTrue();
        }
    }

    private static TensorShape shape(String component) {
        try {
            return Shapes.class.getDeclaredMethod(component).getAnnotation(TensorShape.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
