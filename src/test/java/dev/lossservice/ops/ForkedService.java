package dev.lossservice.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service ({@link SlowRequestApplication}) in a JVM of its own, on the test class path, with
 * its console output collected line by line: for what needs a real process, such as a signal or the
 * logging set-up of a fresh JVM.
 */
final class ForkedService implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ForkedService(Process process) {
        this.process = process;
        this.reader =
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
                                    unread.add(line);
                                }
                            } catch (IOException e) {
                                // The process is gone.
                            }
                        },
                        "forked-service-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the service on a free port with the given extra arguments. */
    static ForkedService start(String... arguments) throws IOException {
        return start(List.of(), arguments);
    }

    /** Starts the service on a free port with JVM options (such as -Xmx) and extra arguments. */
    static ForkedService start(List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SlowRequestApplication.class.getName());
        command.add("--server.port=0");
        command.add("--spring.main.banner-mode=off");
        command.addAll(List.of(arguments));
        return new ForkedService(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits until Tomcat has started and returns its port. */
    int awaitPort() throws InterruptedException {
        Matcher matcher = PORT.matcher(awaitLine("Tomcat started on port", Duration.ofMinutes(2)));
        if (!matcher.find()) {
            throw new AssertionError("no port in the start-up line");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Waits for the next line of output that contains {@code marker}. */
    String awaitLine(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = unread.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(marker)) {
                return line;
            }
            if (line == null && !process.isAlive() && unread.isEmpty()) {
                break;
            }
        }
        throw new AssertionError(
                "no line containing '" + marker + "' within " + timeout + ":\n" + output());
    }

    /** Sends SIGTERM. Not {@link Process#destroy()}: that also closes the pipe of the output. */
    void sigterm() {
        process.toHandle().destroy();
    }

    /**
     * Waits for the process to exit and its output to be read to the end.
     *
     * @return the exit code, or -1 if it did not exit in time
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** Everything printed so far. */
    List<String> lines() {
        return List.copyOf(output);
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
