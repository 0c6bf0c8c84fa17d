package dev.lossservice.bench;

import dev.lossservice.core.ClassShape;
import dev.lossservice.core.CrossEntropy;
import dev.lossservice.crossentropy.CrossEntropyRequest;
import dev.lossservice.limits.LimitsProperties;
import dev.lossservice.request.JsonRequestReader;
import dev.lossservice.request.LossServiceProperties;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times the parse of a request body inside the server's own JVM, for scripts/bench-http.sh ("the
 * time just to parse the same body into double[] in the same JVM"), and the core's computation on
 * it, for scripts/bench-npy.sh. The same JIT-compiled reader, the same heap and the same moment as
 * the HTTP requests it is compared with: the script alternates one request and one parse, so both
 * see the same state of a machine whose speed drifts.
 *
 * <p>Test sources, so not in the packaged jar; the script puts this package on the jar's class path
 * ({@code loader.path}) and turns it on with the {@code bench} profile. Without that profile (every
 * test context) it does not exist.
 */
@Profile("bench")
@RestController
@RequestMapping("/bench")
class InJvmParseTiming {

    private final JsonRequestReader reader;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile byte[] body;

    InJvmParseTiming(
            LossServiceProperties properties,
            LimitsProperties limits,
            JsonMapper jsonMapper,
            ValidatorFactory validators) {
        // The reader as the application builds it in WebConfiguration.
        reader = new JsonRequestReader(jsonMapper, properties, limits.elementLimits(), validators);
    }

    /** The stored body, parsed once, for {@link #compute}. */
    private volatile CrossEntropyRequest parsed;

    /** Keeps the body to parse. */
    @PostMapping(path = "/body", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    String store(@RequestBody byte[] bytes) {
        body = bytes;
        parsed = reader.read(CrossEntropyRequest.class, new ByteArrayInputStream(bytes));
        return "stored " + bytes.length + " bytes\n";
    }

    /**
     * Times the core alone on the stored body, {@code repetitions} times each: {@code
     * CrossEntropy.ofLogits} (loss and gradient, the call {@code CrossEntropyController} makes for
     * a full answer) and {@code CrossEntropy.lossOfLogits} (the loss alone, its call for {@code
     * ?samples=false&gradient=false}), in the server's JVM, for scripts/bench-npy.sh. One line per
     * call: wall milliseconds, this thread's CPU milliseconds (the core's parallel blocks run on
     * other threads too), the loss sum, and {@code full} or {@code loss}.
     */
    @PostMapping("/compute")
    String compute(@RequestParam(defaultValue = "1") int repetitions) {
        CrossEntropyRequest request = parsed;
        if (request == null) {
            throw new IllegalStateException("POST the body to /bench/body first");
        }
        double[] logits = request.logits().values();
        ClassShape shape =
                new ClassShape(request.logits().shape()[0], request.logits().shape()[1], 1);
        int[] target = request.target().values();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < repetitions; i++) {
            time(
                    lines,
                    () ->
                            CrossEntropy.ofLogits(logits, shape, target, request.options(), null)
                                            .loss()
                                            .lossSum()
                                    + " full");
            time(
                    lines,
                    () ->
                            CrossEntropy.lossOfLogits(logits, shape, target, request.options())
                                            .lossSum()
                                    + " loss");
        }
        return lines.toString();
    }

    /**
     * Runs {@code call} once and appends a line: wall milliseconds, this thread's CPU milliseconds,
     * then what the call answered.
     */
    private void time(StringBuilder lines, java.util.function.Supplier<String> call) {
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        String answer = call.get();
        long wall = System.nanoTime() - start;
        long cpuUsed = threads.getCurrentThreadCpuTime() - cpu;
        lines.append(
                String.format(Locale.ROOT, "%.3f %.3f %s%n", wall / 1e6, cpuUsed / 1e6, answer));
    }

    /**
     * Reads the body to its end into one small reused buffer and answers its length: the floor of
     * any request with this body on this server (the client's sending, Tomcat, the service's
     * filters), for scripts/bench-npy.sh.
     */
    @PostMapping("/sink")
    String sink(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        try (java.io.InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                length += n;
            }
        }
        return "read " + length + " bytes\n";
    }

    /**
     * Parses the stored body {@code repetitions} times into a {@link CrossEntropyRequest}; one line
     * per parse: wall milliseconds, then this thread's CPU milliseconds.
     */
    @PostMapping("/parse")
    String parse(@RequestParam(defaultValue = "1") int repetitions) {
        byte[] bytes = body;
        if (bytes == null) {
            throw new IllegalStateException("POST the body to /bench/body first");
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < repetitions; i++) {
            time(
                    lines,
                    () ->
                            String.valueOf(
                                    reader.read(
                                                    CrossEntropyRequest.class,
                                                    new ByteArrayInputStream(bytes))
                                            .logits()
                                            .values()
                                            .length));
        }
        return lines.toString();
    }
}
