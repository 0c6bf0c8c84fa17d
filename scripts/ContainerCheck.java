/*
 * Checks the Dockerfile without a Docker engine (none runs in CI). Run it after `./mvnw package`
 * or `verify`, from the project root, through scripts/container-check.sh:
 *
 *   java scripts/ContainerCheck.java
 *
 * 1. Contract: multi-stage; every base image pinned to an exact release; the final stage is a
 *    JRE, runs as a numeric non-root USER, EXPOSEs 8080, has an exec-form java ENTRYPOINT with
 *    container-aware memory flags and no HEALTHCHECK (the JRE image has no curl/wget); the build
 *    stage resolves dependencies in a layer before it copies src/; the layers are copied in the
 *    order the jar's layers.idx gives; .dockerignore keeps target/ and .git out of the context.
 * 2. Replay: every stage after the Maven build runs here as Docker would run it: WORKDIR, COPY
 *    --from (the build stage's WORKDIR is this project directory, so its target/ is the jar that
 *    Maven just built), RUN verbatim under bash, ENV, then the ENTRYPOINT verbatim as the USER's
 *    numeric uid (when started as root). Only the port is set, through SERVER_PORT. When the
 *    entrypoint names a CDS archive, -Xshare:on is added through JDK_JAVA_OPTIONS so that an
 *    archive the JVM cannot map fails the check instead of being skipped silently.
 * 3. Readiness (/actuator/health/readiness, falling back to /actuator/health when the probe group
 *    does not exist), then the seed example of the API contract is posted.
 *
 * Exit status 0 when everything holds, 1 otherwise. Environment: CONTAINER_CHECK_PORT (18083),
 * CONTAINER_CHECK_KEEP=1 keeps the scratch directory.
 */

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class ContainerCheck {

    static final String SEED_REQUEST =
            "{\"logits\":[[-1.0606,1.5613,1.2007,-0.2481],[-1.9652,-0.4367,-0.0645,-0.5104],"
                    + "[0.1011,-0.5904,0.0243,0.1002]],\"target\":[0,2,1]}";
    // PyTorch 1.13 float64 F.cross_entropy of SEED_REQUEST, as the API contract gives it.
    static final String SEED_LOSS = "\"loss\":2.0373472850337726";
    static final int EXPOSED_PORT = 8080;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    record Instruction(String keyword, String args, int line) {
        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + args;
        }
    }

    record Stage(String name, String image, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? null : found.get(found.size() - 1);
        }

        int indexOf(java.util.function.Predicate<Instruction> p) {
            for (int i = 0; i < instructions.size(); i++) {
                if (p.test(instructions.get(i))) return i;
            }
            return -1;
        }
    }

    private final Path project;
    private final List<String> failures = new ArrayList<>();

    ContainerCheck(Path project) {
        this.project = project;
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int port = Integer.parseInt(System.getenv().getOrDefault("CONTAINER_CHECK_PORT", "18083"));
        ContainerCheck check = new ContainerCheck(project);
        boolean ok = check.run(port);
        System.out.println(ok ? "container-check: PASSED" : "container-check: FAILED");
        System.exit(ok ? 0 : 1);
    }

    boolean run(int port) throws Exception {
        List<Stage> stages = parse(Files.readAllLines(project.resolve("Dockerfile")));
        checkContract(stages);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("  FAIL " + f));
            return false;
        }
        System.out.println(
                "container-check: Dockerfile contract holds (" + stages.size() + " stages)");
        Path scratch = Files.createTempDirectory("container-check");
        try {
            replay(stages, scratch, port);
        } finally {
            if (!"1".equals(System.getenv("CONTAINER_CHECK_KEEP"))) {
                deleteTree(scratch);
            } else {
                System.out.println("container-check: scratch kept in " + scratch);
            }
        }
        failures.forEach(f -> System.out.println("  FAIL " + f));
        return failures.isEmpty();
    }

    // ---------------------------------------------------------------- parsing

    static List<Stage> parse(List<String> lines) {
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) continue;
            if (pending.length() == 0) start = n + 1;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (text.isEmpty()) continue;
            String[] parts = text.split("\\s+", 2);
            Instruction ins =
                    new Instruction(
                            parts[0].toUpperCase(),
                            parts.length > 1 ? parts[1].strip() : "",
                            start);
            if (ins.keyword.equals("FROM")) {
                List<String> words =
                        Stream.of(ins.args.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                String name =
                        words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")
                                ? words.get(2)
                                : String.valueOf(stages.size());
                stages.add(new Stage(name, words.get(0), new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalArgumentException("instruction before FROM at " + ins);
            } else {
                stages.get(stages.size() - 1).instructions.add(ins);
            }
        }
        return stages;
    }

    /** Parses the exec (JSON array) form of ENTRYPOINT/CMD; null for the shell form. */
    static List<String> execForm(String args) {
        String s = args.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) return null;
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (true) {
            while (i < end
                    && (Character.isWhitespace(s.charAt(i))
                            || (s.charAt(i) == ',' && !out.isEmpty()))) i++;
            if (i >= end) return out;
            if (s.charAt(i) != '"') return null;
            StringBuilder word = new StringBuilder();
            for (i++; i < end && s.charAt(i) != '"'; i++) {
                if (s.charAt(i) == '\\') i++;
                word.append(s.charAt(i));
            }
            if (i >= end) return null;
            i++;
            out.add(word.toString());
        }
    }

    // ---------------------------------------------------------------- contract

    private void fail(String message) {
        failures.add(message);
    }

    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) return true;
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) return false;
        String tag = image.substring(colon + 1);
        return tag.matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private Stage buildStage(List<Stage> stages) {
        return stages.stream()
                .filter(
                        s ->
                                s.all("RUN").stream()
                                        .anyMatch(
                                                r ->
                                                        r.args.contains("./mvnw")
                                                                && r.args.contains("package")))
                .findFirst()
                .orElse(null);
    }

    private void checkContract(List<Stage> stages) {
        if (stages.size() < 2) fail("not a multi-stage build: " + stages.size() + " FROM");
        List<String> names = new ArrayList<>();
        for (Stage s : stages) {
            if (!names.contains(s.image) && !isPinned(s.image)) {
                fail("stage " + s.name + ": base image not pinned to an exact release: " + s.image);
            }
            names.add(s.name);
        }
        Stage build = buildStage(stages);
        if (build == null) {
            fail("no stage runs ./mvnw ... package");
        } else {
            int deps =
                    build.indexOf(
                            i ->
                                    i.keyword.equals("RUN")
                                            && (i.args.contains("dependency:go-offline")
                                                    || i.args.contains("--mount=type=cache")));
            int pom = build.indexOf(i -> i.keyword.equals("COPY") && i.args.contains("pom.xml"));
            int src =
                    build.indexOf(
                            i -> i.keyword.equals("COPY") && i.args.matches("(?s).*\\bsrc/?\\s.*"));
            if (pom < 0 || deps < 0 || src < 0 || !(pom < deps && deps < src)) {
                fail(
                        "build stage must COPY pom.xml, resolve dependencies (go-offline or a cache"
                            + " mount), then COPY src/");
            }
            if (build.all("WORKDIR").isEmpty()) fail("build stage has no WORKDIR");
        }
        if (stages.stream()
                .flatMap(s -> s.all("RUN").stream())
                .noneMatch(
                        r ->
                                r.args.contains("-Djarmode=tools")
                                        && r.args.contains("extract")
                                        && r.args.contains("--layers"))) {
            fail("no RUN extracts the layers with java -Djarmode=tools ... extract --layers");
        }
        Stage runtime = stages.get(stages.size() - 1);
        if (!runtime.image.contains("jre"))
            fail("final stage is not a JRE image: " + runtime.image);
        Instruction user = runtime.last("USER");
        if (user == null || !user.args.matches("\\d+(:\\d+)?")) {
            fail("final stage needs a numeric USER uid[:gid], found " + user);
        } else if (Integer.parseInt(user.args.split(":")[0]) == 0) {
            fail("final stage runs as root (USER 0)");
        } else if (runtime.all("RUN").stream().anyMatch(r -> r.line > user.line)) {
            fail("a RUN after USER in the final stage would run as " + user.args + " in the image");
        }
        if (runtime.all("EXPOSE").stream()
                .noneMatch(
                        e ->
                                List.of(e.args.split("\\s+")).contains(EXPOSED_PORT + "")
                                        || List.of(e.args.split("\\s+"))
                                                .contains(EXPOSED_PORT + "/tcp"))) {
            fail("final stage does not EXPOSE " + EXPOSED_PORT);
        }
        for (Instruction hc : runtime.all("HEALTHCHECK")) {
            if (!hc.args.strip().equalsIgnoreCase("NONE")) {
                fail(
                        "HEALTHCHECK in a JRE image without curl/wget; use the orchestrator's"
                            + " probes: "
                                + hc);
            }
        }
        Instruction entry = runtime.last("ENTRYPOINT");
        List<String> command = entry == null ? null : execForm(entry.args);
        if (command == null || command.isEmpty() || !command.get(0).equals("java")) {
            fail("final stage needs an exec-form ENTRYPOINT [\"java\", ...], found " + entry);
        } else if (command.stream().noneMatch(a -> a.startsWith("-XX:MaxRAMPercentage="))) {
            fail("ENTRYPOINT lacks a container-aware heap size (-XX:MaxRAMPercentage=...)");
        }
        Path ignore = project.resolve(".dockerignore");
        try {
            List<String> patterns =
                    Files.exists(ignore)
                            ? Files.readAllLines(ignore).stream()
                                    .map(String::strip)
                                    .map(p -> p.replaceAll("^/|/$", ""))
                                    .toList()
                            : List.of();
            for (String required : List.of("target", ".git")) {
                if (!patterns.contains(required))
                    fail(".dockerignore does not exclude " + required);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- replay

    /** Where a path inside a stage's filesystem lives on this machine. */
    private Path hostPath(
            Stage stage, Stage build, String workdirOfBuild, Path scratch, String dockerPath) {
        if (stage == build) {
            String prefix = workdirOfBuild.endsWith("/") ? workdirOfBuild : workdirOfBuild + "/";
            if (!dockerPath.startsWith(prefix)) {
                throw new IllegalStateException(
                        "build-stage path outside its WORKDIR: " + dockerPath);
            }
            return project.resolve(dockerPath.substring(prefix.length()));
        }
        return scratch.resolve(stage.name).resolve(dockerPath.replaceFirst("^/+", ""));
    }

    private void replay(List<Stage> stages, Path scratch, int port) throws Exception {
        Stage build = buildStage(stages);
        String buildWorkdir = build.last("WORKDIR").args;
        Map<String, Stage> byName = new LinkedHashMap<>();
        stages.forEach(s -> byName.put(s.name, s));
        Stage runtime = stages.get(stages.size() - 1);
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = "/";
        for (Stage stage : stages.subList(stages.indexOf(build) + 1, stages.size())) {
            if (byName.containsKey(stage.image))
                throw new IllegalStateException("FROM <stage> is not replayed: " + stage.name);
            env.clear();
            workdir = "/";
            for (Instruction ins : stage.instructions) {
                Path wd = hostPath(stage, build, buildWorkdir, scratch, workdir);
                switch (ins.keyword) {
                    case "WORKDIR" -> {
                        workdir =
                                ins.args.startsWith("/")
                                        ? ins.args
                                        : workdir.replaceFirst("/?$", "/") + ins.args;
                        Files.createDirectories(
                                hostPath(stage, build, buildWorkdir, scratch, workdir));
                    }
                    case "ENV" -> env.putAll(parseEnv(ins.args));
                    case "COPY" -> copy(ins, stage, byName, build, buildWorkdir, scratch, workdir);
                    case "RUN" -> {
                        System.out.println("container-check: [" + stage.name + "] RUN " + ins.args);
                        Path log = scratch.resolve("run-line-" + ins.line + ".log");
                        ProcessBuilder pb =
                                new ProcessBuilder("bash", "-c", ins.args)
                                        .directory(wd.toFile())
                                        .redirectErrorStream(true)
                                        .redirectOutput(log.toFile());
                        pb.environment().putAll(env);
                        Process p = pb.start();
                        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                            p.destroyForcibly();
                            printTail(log, 40);
                            fail(ins + " failed");
                            return;
                        }
                    }
                    case "USER", "EXPOSE", "ENTRYPOINT", "CMD", "LABEL", "HEALTHCHECK" -> {}
                    default -> {
                        fail(
                                "instruction not replayed by this check, extend"
                                    + " scripts/ContainerCheck.java: "
                                        + ins);
                        return;
                    }
                }
            }
        }
        checkLayerOrder(runtime, stages);
        launch(
                runtime,
                hostPath(runtime, build, buildWorkdir, scratch, workdir),
                env,
                scratch,
                port);
    }

    private void copy(
            Instruction ins,
            Stage stage,
            Map<String, Stage> byName,
            Stage build,
            String buildWorkdir,
            Path scratch,
            String workdir)
            throws IOException {
        List<String> words = new ArrayList<>(List.of(ins.args.split("\\s+")));
        String from = null;
        for (var it = words.iterator(); it.hasNext(); ) {
            String w = it.next();
            if (w.startsWith("--from=")) from = w.substring("--from=".length());
            if (w.startsWith("--")) it.remove();
        }
        if (from == null || !byName.containsKey(from) || words.size() != 2) {
            throw new IllegalStateException(
                    "only COPY --from=<stage> <src> <dest> is replayed: " + ins);
        }
        Stage source = byName.get(from);
        String src = words.get(0);
        String dest =
                words.get(1).startsWith("/")
                        ? words.get(1)
                        : workdir.replaceFirst("/?$", "/") + words.get(1);
        Path destPath = hostPath(stage, build, buildWorkdir, scratch, dest);
        Path srcPath =
                hostPath(
                        source,
                        build,
                        buildWorkdir,
                        scratch,
                        src.startsWith("/") ? src : "/" + src);
        List<Path> matches = new ArrayList<>();
        if (srcPath.getFileName().toString().contains("*")) {
            try (DirectoryStream<Path> ds =
                    Files.newDirectoryStream(
                            srcPath.getParent(), srcPath.getFileName().toString())) {
                ds.forEach(matches::add);
            }
        } else if (Files.exists(srcPath)) {
            matches.add(srcPath);
        }
        if (matches.size() != 1)
            throw new IllegalStateException(ins + ": source matches " + matches);
        Path match = matches.get(0);
        if (Files.isDirectory(match)) {
            copyTree(match, destPath);
        } else {
            Path target =
                    dest.endsWith("/") || Files.isDirectory(destPath)
                            ? destPath.resolve(match.getFileName())
                            : destPath;
            Files.createDirectories(target.getParent());
            Files.copy(
                    match,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** The layer COPYs must follow the jar's own layer order, or caching is upside down. */
    private void checkLayerOrder(Stage runtime, List<Stage> stages) throws Exception {
        Path jar;
        try (Stream<Path> s = Files.list(project.resolve("target"))) {
            jar =
                    s.filter(p -> p.getFileName().toString().matches("loss-service-.*\\.jar"))
                            .findFirst()
                            .orElseThrow();
        }
        Process p =
                new ProcessBuilder("java", "-Djarmode=tools", "-jar", jar.toString(), "list-layers")
                        .redirectErrorStream(true)
                        .start();
        List<String> layers =
                new String(p.getInputStream().readAllBytes())
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
        p.waitFor();
        List<String> copied =
                runtime.all("COPY").stream()
                        .map(c -> c.args.split("\\s+"))
                        .map(w -> w[w.length - 2].replaceAll("/$", ""))
                        .map(src -> src.substring(src.lastIndexOf('/') + 1))
                        .toList();
        if (!copied.equals(layers)) {
            fail("runtime COPYs " + copied + " differ from the jar's layers " + layers);
        } else {
            System.out.println("container-check: layers copied in the jar's order " + layers);
        }
    }

    private void launch(
            Stage runtime, Path workdir, Map<String, String> env, Path scratch, int port)
            throws Exception {
        List<String> command = new ArrayList<>(execForm(runtime.last("ENTRYPOINT").args));
        Instruction cmd = runtime.last("CMD");
        if (cmd != null) command.addAll(execForm(cmd.args));
        String[] uidGid = runtime.last("USER").args.split(":");
        List<String> full = new ArrayList<>();
        boolean root = "0".equals(exec("id", "-u").strip());
        if (root) {
            full.addAll(
                    List.of(
                            "setpriv",
                            "--reuid=" + uidGid[0],
                            "--regid=" + (uidGid.length > 1 ? uidGid[1] : uidGid[0]),
                            "--clear-groups"));
            exec("chmod", "-R", "a+rX", scratch.toString());
        } else {
            System.out.println(
                    "container-check: not root, so the app runs as the current user, not uid "
                            + uidGid[0]);
        }
        full.addAll(command);
        ProcessBuilder pb =
                new ProcessBuilder(full).directory(workdir.toFile()).redirectErrorStream(true);
        Path log = scratch.resolve("app.log");
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        if (command.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="))) {
            pb.environment().put("JDK_JAVA_OPTIONS", "-Xshare:on");
        }
        System.out.println(
                "container-check: launching in " + workdir + ": " + String.join(" ", command));
        long started = System.nanoTime();
        Process app = pb.start();
        try {
            String ready = awaitReady(app, port, log);
            if (ready == null) return;
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String startedLine =
                    Files.readAllLines(log).stream()
                            .filter(l -> l.contains("Started "))
                            .findFirst()
                            .map(l -> l.substring(l.indexOf("Started ")))
                            .orElse("(no 'Started' line)");
            System.out.println(
                    "container-check: ready on " + ready + " after " + ms + " ms; " + startedLine);
            if (root) {
                String uid =
                        Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status"))
                                .stream()
                                .filter(l -> l.startsWith("Uid:"))
                                .findFirst()
                                .orElse("");
                if (!uid.split("\\s+")[1].equals(uidGid[0]))
                    fail("app runs as " + uid + ", not uid " + uidGid[0]);
            }
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/loss/cross-entropy"))
                                            .header("Content-Type", "application/json")
                                            .timeout(Duration.ofSeconds(30))
                                            .POST(HttpRequest.BodyPublishers.ofString(SEED_REQUEST))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains(SEED_LOSS)) {
                fail(
                        "POST /loss/cross-entropy seed example: HTTP "
                                + r.statusCode()
                                + ", expected "
                                + SEED_LOSS
                                + " in "
                                + abbreviate(r.body()));
            } else {
                System.out.println(
                        "container-check: POST /loss/cross-entropy -> 200 with " + SEED_LOSS);
            }
        } finally {
            app.destroy();
            if (!app.waitFor(40, TimeUnit.SECONDS)) app.destroyForcibly().waitFor();
            if (!failures.isEmpty()) printTail(log, 60);
        }
    }

    private String awaitReady(Process app, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                fail("the app exited with status " + app.exitValue() + " before it was ready");
                return null;
            }
            int readiness = status(http, port, "/actuator/health/readiness");
            if (readiness == 200) return "/actuator/health/readiness";
            if (readiness == 404 && status(http, port, "/actuator/health") == 200) {
                System.out.println(
                        "container-check: WARNING /actuator/health/readiness is 404; fell back to"
                            + " /actuator/health");
                return "/actuator/health";
            }
            Thread.sleep(200);
        }
        fail("not ready within " + READY_TIMEOUT.toSeconds() + " s");
        return null;
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, String> parseEnv(String args) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)")
                        .matcher(args);
        boolean any = false;
        while (m.find()) {
            any = true;
            out.put(
                    m.group(1),
                    m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2));
        }
        if (!any) {
            String[] kv = args.split("\\s+", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return out;
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(
                            p,
                            target,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList()))
                Files.deleteIfExists(p);
        }
    }

    private static void printTail(Path log, int lines) throws IOException {
        if (!Files.exists(log)) return;
        List<String> all = Files.readAllLines(log);
        System.out.println(
                "---- last " + Math.min(lines, all.size()) + " lines of " + log.getFileName());
        all.subList(Math.max(0, all.size() - lines), all.size())
                .forEach(l -> System.out.println("  | " + l));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
