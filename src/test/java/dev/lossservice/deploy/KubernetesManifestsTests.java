package dev.lossservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the manifests under {@code deploy/} as Kubernetes would and checks the properties that keep
 * pods safe to roll, scale and evict. Runs without {@code kubectl} or a cluster.
 */
class KubernetesManifestsTests {

    private static final Path DEPLOY = Path.of("deploy");

    private static List<Map<String, Object>> documents;

    @BeforeAll
    static void loadManifests() throws IOException {
        documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Object doc : new Yaml().loadAll(in)) {
                        if (doc != null) {
                            documents.add(map(doc));
                        }
                    }
                }
            }
        }
    }

    @Test
    void deploymentProbesUseTheActuatorHealthGroups() {
        Map<String, Object> container = container();
        assertThat(at(container, "startupProbe", "httpGet", "path"))
                .isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "livenessProbe", "httpGet", "path"))
                .isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "readinessProbe", "httpGet", "path"))
                .isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
    }

    @Test
    void startupProbeGivesMoreTimeThanLivenessWouldAlone() {
        Map<String, Object> container = container();
        int startup =
                number(at(container, "startupProbe", "periodSeconds"))
                        * number(at(container, "startupProbe", "failureThreshold"));
        int liveness =
                number(at(container, "livenessProbe", "periodSeconds"))
                        * number(at(container, "livenessProbe", "failureThreshold"));
        assertThat(startup).isGreaterThanOrEqualTo(60).isGreaterThan(liveness);
    }

    @Test
    void containerPortIsTheOneTheDockerfileExposes() throws IOException {
        List<Object> ports = list(container().get("ports"));
        Map<String, Object> http = map(ports.get(0));
        assertThat(http.get("name")).isEqualTo("http");
        assertThat(number(http.get("containerPort")))
                .isEqualTo(Integer.parseInt(dockerfileValue("EXPOSE")));
    }

    @Test
    void containerHasCpuAndMemoryRequestsWithinItsLimits() {
        Map<String, Object> resources = map(container().get("resources"));
        Map<String, Object> requests = map(resources.get("requests"));
        Map<String, Object> limits = map(resources.get("limits"));
        assertThat(cpuMillis(requests.get("cpu"))).isPositive();
        assertThat(cpuMillis(limits.get("cpu")))
                .isGreaterThanOrEqualTo(cpuMillis(requests.get("cpu")));
        assertThat(bytes(requests.get("memory"))).isPositive();
        // The JVM sizes its heap from the limit (-XX:MaxRAMPercentage); a request below it would
        // let the node overcommit memory the heap will grow into.
        assertThat(bytes(limits.get("memory"))).isEqualTo(bytes(requests.get("memory")));
    }

    @Test
    void podRunsAsTheDockerfilesNonRootUserWithAReadOnlyRootFilesystem() throws IOException {
        Map<String, Object> pod = podSpec();
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
        int dockerfileUid = Integer.parseInt(dockerfileValue("USER").split(":")[0]);
        assertThat(number(podSecurity.get("runAsUser"))).isEqualTo(dockerfileUid).isNotZero();
        Map<String, Object> containerSecurity = map(container().get("securityContext"));
        assertThat(containerSecurity.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(containerSecurity.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(containerSecurity, "capabilities", "drop"))).contains("ALL");
    }

    @Test
    void tmpIsAWritableEmptyDirForTomcat() {
        String volume =
                list(container().get("volumeMounts")).stream()
                        .map(KubernetesManifestsTests::map)
                        .filter(m -> "/tmp".equals(m.get("mountPath")))
                        .map(m -> (String) m.get("name"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no volume mounted at /tmp"));
        Map<String, Object> source =
                list(podSpec().get("volumes")).stream()
                        .map(KubernetesManifestsTests::map)
                        .filter(v -> volume.equals(v.get("name")))
                        .findFirst()
                        .orElseThrow();
        assertThat(source).containsKey("emptyDir");
    }

    @Test
    void gracePeriodCoversThePreStopPauseAndTheGracefulShutdownPhase() throws IOException {
        Map<String, Object> preStop = map(at(container(), "lifecycle", "preStop"));
        int pause;
        if (preStop.containsKey("sleep")) {
            pause = number(at(preStop, "sleep", "seconds"));
        } else {
            List<Object> command = list(at(preStop, "exec", "command"));
            assertThat(command).hasSize(2).first().isIn("sleep", "/bin/sleep", "/usr/bin/sleep");
            pause = Integer.parseInt((String) command.get(1));
        }
        assertThat(pause).isPositive();
        int grace = number(podSpec().get("terminationGracePeriodSeconds"));
        assertThat(grace).isGreaterThan(pause + (int) shutdownPhase().toSeconds());
    }

    @Test
    void serviceSelectsTheDeploymentsPodsOnTheNamedPort() {
        Map<String, Object> service = only("Service");
        Map<String, Object> selector = map(at(service, "spec", "selector"));
        assertThat(podLabels()).containsAllEntriesOf(selector);
        assertThat(selector).isNotEmpty();
        Map<String, Object> port = map(list(at(service, "spec", "ports")).get(0));
        assertThat(port.get("targetPort")).isEqualTo("http");
    }

    @Test
    void autoscalerScalesTheDeploymentOnCpuUtilization() {
        Map<String, Object> hpa = only("HorizontalPodAutoscaler");
        assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        Map<String, Object> target = map(at(hpa, "spec", "scaleTargetRef"));
        assertThat(target.get("kind")).isEqualTo("Deployment");
        assertThat(target.get("name")).isEqualTo(at(only("Deployment"), "metadata", "name"));
        Map<String, Object> metric = map(list(at(hpa, "spec", "metrics")).get(0));
        assertThat(metric.get("type")).isEqualTo("Resource");
        assertThat(at(metric, "resource", "name")).isEqualTo("cpu");
        assertThat(at(metric, "resource", "target", "type")).isEqualTo("Utilization");
        assertThat(number(at(hpa, "spec", "maxReplicas")))
                .isGreaterThan(number(at(hpa, "spec", "minReplicas")));
    }

    @Test
    void disruptionBudgetSelectsThePodsAndStillAllowsAnEviction() {
        Map<String, Object> pdb = only("PodDisruptionBudget");
        assertThat(pdb.get("apiVersion")).isEqualTo("policy/v1");
        assertThat(podLabels())
                .containsAllEntriesOf(map(at(pdb, "spec", "selector", "matchLabels")));
        int minAvailable = number(at(pdb, "spec", "minAvailable"));
        int minReplicas = number(at(only("HorizontalPodAutoscaler"), "spec", "minReplicas"));
        assertThat(minAvailable).isPositive().isLessThan(minReplicas);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = only("Kustomization");
        List<Object> resources = list(kustomization.get("resources"));
        try (Stream<Path> files = Files.list(DEPLOY)) {
            List<String> manifests =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                            .toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found =
                documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> podSpec() {
        return map(at(only("Deployment"), "spec", "template", "spec"));
    }

    private static Map<String, Object> podLabels() {
        Map<String, Object> labels =
                map(at(only("Deployment"), "spec", "template", "metadata", "labels"));
        assertThat(labels)
                .containsAllEntriesOf(
                        map(at(only("Deployment"), "spec", "selector", "matchLabels")));
        return labels;
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Object at(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            assertThat(node).as("parent of " + key).isInstanceOf(Map.class);
            node = map(node).get(key);
            assertThat(node).as(String.join(".", keys)).isNotNull();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    private static int number(Object node) {
        assertThat(node).isInstanceOf(Integer.class);
        return (Integer) node;
    }

    /** Kubernetes CPU quantity ("500m", "2", 1) in millicores. */
    static long cpuMillis(Object quantity) {
        String q = String.valueOf(quantity);
        return q.endsWith("m")
                ? Long.parseLong(q.substring(0, q.length() - 1))
                : Math.round(Double.parseDouble(q) * 1000);
    }

    /** Kubernetes memory quantity with a binary suffix ("768Mi", "1Gi") or none, in bytes. */
    static long bytes(Object quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(String.valueOf(quantity));
        assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
        int shift =
                m.group(2) == null
                        ? 0
                        : switch (m.group(2)) {
                            case "Ki" -> 10;
                            case "Mi" -> 20;
                            default -> 30;
                        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** The last value of a Dockerfile instruction (USER, EXPOSE) in the final stage. */
    private static String dockerfileValue(String instruction) throws IOException {
        String value = null;
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts[0].equals("FROM")) {
                value = null;
            } else if (parts[0].equals(instruction) && parts.length == 2) {
                value = parts[1].strip();
            }
        }
        assertThat(value).as(instruction + " in the Dockerfile's final stage").isNotNull();
        return value;
    }

    /** Spring Boot's graceful-shutdown phase: configured, or its 30 s default. */
    private static Duration shutdownPhase() throws IOException {
        Path file = Path.of("src/main/resources/application.properties");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return DurationStyle.detectAndParse(
                properties.getProperty("spring.lifecycle.timeout-per-shutdown-phase", "30s"));
    }
}
