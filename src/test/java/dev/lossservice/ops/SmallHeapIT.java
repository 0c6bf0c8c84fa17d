package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Memory per request is O(input): a 1024 x 1000 cross-entropy request (19.5 MB of JSON) with the
 * full response (44.5 MB: every sample's probabilities and the gradient) is answered by a service
 * whose whole heap is 256 MiB, twice in a row, with the right numbers. The reader keeps the logits
 * in one {@code double[]} and the writer streams, so the request needs a few times its 8 MB of
 * doubles, not a multiple of boxed lists or of the 44.5 MB response text. Runs the service in a
 * forked JVM ({@link ForkedService}) because the heap ceiling is a property of the process.
 */
class SmallHeapIT {

    private static final int ROWS = 1024;
    private static final int CLASSES = 1000;

    /**
     * The heap of the forked service in MiB: 256, what issue 4 asks for; {@code
     * -DsmallHeapIT.heapMiB=48} on the Maven command line tries another (docs/benchmarks.md,
     * Memory).
     */
    private static final long HEAP_MIB = Long.getLong("smallHeapIT.heapMiB", 256);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void a1024By1000CrossEntropyWithTheFullResponseIsAnsweredInASmallHeap() throws Exception {
        SplittableRandom random = new SplittableRandom(20261127L);
        double[] logits = new double[ROWS * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = 8 * (random.nextDouble() - 0.5);
        }
        int[] target = new int[ROWS];
        for (int n = 0; n < ROWS; n++) {
            target[n] = random.nextInt(CLASSES);
        }
        byte[] body = requestBody(logits, target);
        CrossEntropy.Result expected =
                CrossEntropy.ofLogits(
                        new Matrix(ROWS, CLASSES, logits), target, CrossEntropy.Options.defaults());

        try (ForkedService service = ForkedService.start(List.of("-Xmx" + HEAP_MIB + "m"))) {
            int port = service.awaitPort();
            assertThat(maxHeapBytes(port))
                    .as("the forked service's heap ceiling")
                    .isEqualTo(HEAP_MIB << 20);

            for (int round = 0; round < 2; round++) {
                HttpResponse<InputStream> response =
                        client.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/loss/cross-entropy"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofMinutes(2))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).as("round %d status", round).isEqualTo(200);
                try (InputStream in = response.body()) {
                    checkResponse(in, expected);
                }
            }
            assertThat(get(port, "/actuator/health")).contains("\"UP\"");
            assertThat(service.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /** The logits at full precision (shortest round-trip text), as a client would send them. */
    private static byte[] requestBody(double[] logits, int[] target) {
        StringBuilder json = new StringBuilder(24 * logits.length);
        json.append("{\"logits\":[");
        for (int n = 0; n < ROWS; n++) {
            json.append(n == 0 ? "[" : ",[");
            for (int c = 0; c < CLASSES; c++) {
                json.append(c == 0 ? "" : ",").append(logits[n * CLASSES + c]);
            }
            json.append(']');
        }
        json.append("],\"target\":[");
        for (int n = 0; n < ROWS; n++) {
            json.append(n == 0 ? "" : ",").append(target[n]);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Streams through the response, checking the loss, every sample's probabilities and the
     * gradient against the core's own result, bit for bit (the server runs the same code).
     */
    private static void checkResponse(InputStream in, CrossEntropy.Result expected)
            throws IOException {
        double[] probabilities = expected.probabilities().values();
        double[] gradient = expected.gradient().values();
        int samples = 0;
        int gradientValues = 0;
        boolean sawLoss = false;
        try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "loss" -> {
                        assertThat(parser.getDoubleValue()).isEqualTo(expected.loss().value());
                        sawLoss = true;
                    }
                    case "samples" -> {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                                String sampleField = parser.currentName();
                                parser.nextToken();
                                if (sampleField.equals("probabilities")) {
                                    int c = 0;
                                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                                        assertThat(parser.getDoubleValue())
                                                .isEqualTo(probabilities[samples * CLASSES + c++]);
                                    }
                                    assertThat(c).isEqualTo(CLASSES);
                                } else {
                                    parser.skipChildren();
                                }
                            }
                            samples++;
                        }
                    }
                    case "gradient" -> {
                        while (parser.nextToken() == JsonToken.START_ARRAY) {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                assertThat(parser.getDoubleValue())
                                        .isEqualTo(gradient[gradientValues++]);
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        assertThat(sawLoss).as("loss present").isTrue();
        assertThat(samples).isEqualTo(ROWS);
        assertThat(gradientValues).isEqualTo(ROWS * CLASSES);
    }

    /** The heap's ceiling as the service's own metrics report it. */
    private long maxHeapBytes(int port) throws Exception {
        Matcher line =
                Pattern.compile("(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$")
                        .matcher(get(port, "/actuator/prometheus"));
        long max = 0;
        while (line.find()) {
            max = Math.max(max, (long) Double.parseDouble(line.group(1)));
        }
        return max;
    }

    private String get(int port, String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
