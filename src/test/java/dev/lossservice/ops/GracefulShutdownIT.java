package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request in flight when the process gets SIGTERM is completed before the process exits. Runs the
 * service in a forked JVM ({@link SlowRequestApplication}: the service plus a test-only slow
 * endpoint) because only a real process can be sent a real signal.
 */
class GracefulShutdownIT {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private Process process;

    private final List<String> output = new CopyOnWriteArrayList<>();

    private Thread outputReader;

    @AfterEach
    void killTheProcessIfTheTestFailed() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void requestInFlightWhenSigtermArrivesCompletesWith200AndTheProcessExits() throws Exception {
        BlockingQueue<String> lines = start();
        int port = awaitPort(lines);
        HttpClient http = HttpClient.newHttpClient();

        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/test/slow?millis=3000"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        awaitLine(lines, "SLOW-REQUEST-STARTED", Duration.ofSeconds(30));
        long signalled = System.nanoTime();
        // SIGTERM. Not Process.destroy(): that also closes the pipe the log is read from.
        process.toHandle().destroy();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"sleptMillis\":3000}");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process exited").isTrue();
        assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled))
                .as("the process waited for the request instead of dropping it")
                .isGreaterThan(Duration.ofMillis(1500));
        outputReader.join(10_000);
        assertThat(String.join("\n", output))
                .contains("Commencing graceful shutdown", "Graceful shutdown complete");
    }

    private BlockingQueue<String> start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                SlowRequestApplication.class.getName(),
                                "--server.port=0",
                                "--spring.main.banner-mode=off")
                        .redirectErrorStream(true)
                        .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        outputReader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line = in.readLine();
                                        line != null;
                                        line = in.readLine()) {
                                    output.add(line);
                                    lines.add(line);
                                }
                            } catch (IOException e) {
                                // The process is gone.
                            }
                        },
                        "forked-service-output");
        outputReader.setDaemon(true);
        outputReader.start();
        return lines;
    }

    private static int awaitPort(BlockingQueue<String> lines) throws InterruptedException {
        Matcher matcher =
                STARTED.matcher(awaitLine(lines, "Tomcat started", Duration.ofSeconds(120)));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static String awaitLine(BlockingQueue<String> lines, String marker, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("no line containing '" + marker + "' within " + timeout);
    }
}
