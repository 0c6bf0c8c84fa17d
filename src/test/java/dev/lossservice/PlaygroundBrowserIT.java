package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lossservice.PyTorchFixtures.Case;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The playground page at {@code /}, driven in a real headless Chromium ({@link HeadlessChromium})
 * as a learner would use it: every number the page shows is compared with what the API itself
 * answers for the same input, posted by the test. Screenshots of each state are kept under {@code
 * target/playground-screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlaygroundBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "playground-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The tutorial's example, which the page is prefilled with (and Swagger UI's first). */
    private static final String SEED = "/openapi/examples/cross-entropy-seed.json";

    /** The snippet's first tensor starts so; its rows line up under the first. */
    private static final String OPEN_LOGITS = "logits = torch.tensor(";

    @LocalServerPort private int port;

    @TempDir private Path profile;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(profile, 1440, 2300);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser(TestInfo test) throws IOException {
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(
                    SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".html"),
                    browser.getPageSource());
        } finally {
            browser.quit();
        }
    }

    @Test
    void pageLoadsWithTheTutorialsExampleAndShowsItsLoss() throws IOException {
        Case seed = PyTorchFixtures.find("cross_entropy.json", "seed example, mean");
        JsonNode example = seed();
        assertThat(example.get("logits")).isEqualTo(seed.inputs().get("logits"));
        assertThat(example.get("target")).isEqualTo(seed.inputs().get("target"));

        open();

        assertThat(gridValues("logits")).isEqualTo(texts(example.get("logits")));
        assertThat(classTargets()).isEqualTo(integers(example.get("target")));
        assertThat(Double.parseDouble(lossText())).isEqualTo(seed.number("loss"));
        assertThat(browser.findElement(By.id("headline-label")).getText())
                .isEqualToIgnoringCase("loss");
        assertThat(browser.findElements(By.cssSelector("#bars g.bar"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#probs figure"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#heat g.hcell"))).hasSize(12);
        assertThat(links()).contains("/swagger-ui.html", "/v3/api-docs");
        screenshot("01-tutorial-example");

        // The page runs under its Content-Security-Policy: nothing refused, nothing else failing.
        List<String> console =
                browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(LogEntry::toString)
                        .toList();
        assertThat(console)
                .noneMatch(line -> line.contains("Content Security Policy"))
                .noneMatch(line -> line.contains("SEVERE"));
    }

    @Test
    void changingALogitUpdatesTheLossToWhatTheApiGivesForTheNewInput() throws IOException {
        open();
        String before = lossText();

        type(cell("/logits/1/2"), "2.5");
        waitUntilState("ready");

        ObjectNode body = seed();
        ((ArrayNode) body.get("logits").get(1)).set(2, new BigDecimal("2.5"));
        JsonNode answer = post("/loss/cross-entropy", body);
        assertThat(answer.get("loss").asDouble()).isNotEqualTo(Double.parseDouble(before));
        assertThat(Double.parseDouble(lossText())).isEqualTo(answer.get("loss").asDouble());
        assertThat(barValue(1)).isEqualTo(answer.get("samples").get(1).get("loss").asDouble());
        screenshot("02-logit-changed");
    }

    @Test
    void switchingToBceWithLogitsShowsTheLossTheApiGives() throws IOException {
        open();

        browser.findElement(By.cssSelector("label[for='endpoint-bce-logits']")).click();
        waitUntilState("ready");

        // The class indices carry over as BCE's one-hot targetClasses.
        ObjectNode body = JSON.createObjectNode();
        body.set("logits", seed().get("logits"));
        body.set("targetClasses", seed().get("target"));
        JsonNode answer = post("/loss/bce", body);
        assertThat(answer.get("mode").asString()).isEqualTo("logits");
        assertThat(Double.parseDouble(lossText())).isEqualTo(answer.get("loss").asDouble());
        assertThat(browser.findElement(By.id("headline-label")).getText())
                .containsIgnoringCase("logits mode");
        assertThat(gridValues("logits")).isEqualTo(texts(seed().get("logits")));
        assertThat(browser.findElement(By.id("pytorch")).getText())
                .contains("torch.nn.BCEWithLogitsLoss(");
        assertThat(heatValues()).isEqualTo(signedShort(answer.get("gradient")));
        screenshot("03-bce-with-logits");
    }

    @Test
    void anInvalidCellShowsTheProblemsDetailBesideIt() throws IOException {
        open();

        WebElement input = cell("/logits/1/2");
        type(input, "abc");
        waitUntilState("invalid");

        ObjectNode body = seed();
        ((ArrayNode) body.get("logits").get(1)).set(2, "abc");
        JsonNode problem = postForProblem("/loss/cross-entropy", body);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("pointer").asString()).isEqualTo("/logits/1/2");
        WebElement message =
                input.findElement(By.xpath("./ancestor::td[1]"))
                        .findElement(By.cssSelector(".cell-message"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).isEqualTo(error.get("detail").asString());
        assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(input.getDomAttribute("aria-describedby"))
                .isEqualTo(message.getDomAttribute("id"));
        assertThat(browser.findElement(By.id("problems")).getText())
                .contains("/logits/1/2", error.get("detail").asString());
        screenshot("04-invalid-cell");

        type(input, "0.5");
        waitUntilState("ready");
        assertThat(message.isDisplayed()).isFalse();
        assertThat(input.getDomAttribute("aria-invalid")).isNull();
    }

    @Test
    void copyAsPyTorchHoldsTheNumbersOnScreen() throws IOException {
        open();
        editBeyondTheExample();

        String code = copy("copy-pytorch");

        assertThat(code)
                .isEqualTo(browser.findElement(By.id("pytorch")).getDomProperty("textContent"));
        List<List<String>> logits = gridValues("logits");
        String rows =
                logits.stream()
                        .map(row -> "[" + String.join(", ", row) + "]")
                        .collect(
                                Collectors.joining(
                                        ",\n" + " ".repeat(OPEN_LOGITS.length() + 1), "[", "]"));
        assertThat(code)
                .contains(OPEN_LOGITS + rows + ",\n")
                .contains("dtype=torch.float64, requires_grad=True)")
                .contains("target = torch.tensor(" + classTargets() + ")")
                .contains("torch.nn.CrossEntropyLoss(label_smoothing=0.2,")
                .contains("reduction='sum')")
                .contains("loss = loss_fn(logits, target)")
                .contains("loss.backward()");
        assertThat(logits.get(2).get(3)).isEqualTo("3.25");
        screenshot("05-copy-as-pytorch");

        // "Copy as curl" is the request itself: sent again, it answers with the loss on screen.
        String curl = copy("copy-curl");
        assertThat(curl).startsWith("curl -s 'http://localhost:" + port + "/loss/cross-entropy");
        String sent = curl.substring(curl.indexOf("-d '") + 4, curl.lastIndexOf('\''));
        JsonNode answer = post("/loss/cross-entropy", (ObjectNode) JSON.readTree(sent));
        assertThat(Double.parseDouble(lossText())).isEqualTo(answer.get("loss").asDouble());
    }

    /**
     * Runs the copied snippet in PyTorch where {@code /usr/bin/python3} has it (the fixture
     * generator's environment) and compares its loss with the page's.
     */
    @Test
    void thePyTorchSnippetGivesTheLossOnScreen() throws Exception {
        assumeTrue(torchInstalled(), "/usr/bin/python3 with torch not installed");
        open();
        editBeyondTheExample();

        String code = copy("copy-pytorch");
        Process python =
                new ProcessBuilder("/usr/bin/python3", "-c", code)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();

        double shown = Double.parseDouble(lossText());
        double pytorch = Double.parseDouble(output.lines().findFirst().orElseThrow());
        assertThat(pytorch).isCloseTo(shown, within(1e-12 * Math.abs(shown)));
    }

    @Test
    void arrowKeysMoveBetweenCellsAndEveryInputHasALabel() {
        open();

        WebElement first = cell("/logits/0/0");
        first.click();
        first.sendKeys(Keys.END, Keys.ARROW_RIGHT);
        assertThat(focusedPointer()).isEqualTo("/logits/0/1");
        active().sendKeys(Keys.ARROW_DOWN);
        assertThat(focusedPointer()).isEqualTo("/logits/1/1");
        active().sendKeys(Keys.ARROW_LEFT);
        assertThat(focusedPointer()).isEqualTo("/logits/1/0");
        active().sendKeys(Keys.ARROW_UP);
        assertThat(focusedPointer()).isEqualTo("/logits/0/0");

        for (WebElement control :
                browser.findElements(By.cssSelector("main input, main select, main button"))) {
            assertThat(accessibleName(control)).as(control.getDomAttribute("id")).isNotBlank();
        }
    }

    /**
     * The steps of explain mode, drawn from a response in the contract's format: the test puts
     * steps made of the API's own numbers into the page's next answer, so the drawing is checked
     * whether or not the service explains yet.
     */
    @Test
    void explainStepsAreDrawnAsTablesThatHighlightTheHoveredIndex() throws IOException {
        open();
        JsonNode answer = post("/loss/cross-entropy", seed());
        ArrayNode steps = JSON.createArrayNode();
        ArrayNode probabilities = JSON.createArrayNode();
        ArrayNode losses = JSON.createArrayNode();
        for (JsonNode sample : answer.get("samples")) {
            probabilities.add(sample.get("probabilities"));
            losses.add(sample.get("loss"));
        }
        ArrayNode stacked = JSON.createArrayNode().add(probabilities).add(answer.get("gradient"));
        steps.add(step("softmax", "exp(shifted) / sum", probabilities));
        steps.add(step("perSample", "-(oneHot * logSoftmax).sum(axis=1)", losses));
        steps.add(step("loss", "perSample.mean()", answer.get("loss")));
        steps.add(step("gradient", "(softmax - oneHot) / denominator", answer.get("gradient")));
        steps.add(step("stacked", "np.stack([softmax, gradient])", stacked));
        browser.executeScript(
                "const steps = JSON.parse(arguments[0]); const fetched = window.fetch;"
                        + "window.fetch = async (...args) => {"
                        + "  const response = await fetched(...args);"
                        + "  if (!response.ok) return response;"
                        + "  const json = await response.json(); json.steps = steps;"
                        + "  return new Response(JSON.stringify(json),"
                        + "      {status: response.status, headers: response.headers}); };",
                JSON.writeValueAsString(steps));
        browser.findElement(By.id("reset")).click();
        waitUntilState("ready");

        List<WebElement> cards = browser.findElements(By.cssSelector("#steps li.step"));
        assertThat(cards).hasSize(5);
        assertThat(cards.stream().map(c -> c.findElement(By.tagName("h3")).getText()))
                .containsExactly("softmax", "perSample", "loss", "gradient", "stacked");
        assertThat(cards.get(0).findElements(By.cssSelector("td[data-ix]"))).hasSize(12);
        assertThat(cards.get(1).findElements(By.cssSelector("td[data-ix]"))).hasSize(3);
        assertThat(
                        Double.parseDouble(
                                cards.get(2).findElement(By.cssSelector(".scalar")).getText()))
                .isEqualTo(answer.get("loss").asDouble());
        assertThat(cards.get(3).findElement(By.cssSelector("pre.numpy")).getText())
                .isEqualTo("gradient = (softmax - oneHot) / denominator");
        assertThat(cards.get(4).findElements(By.cssSelector(".slice"))).hasSize(2);
        WebElement hovered = cards.get(0).findElement(By.cssSelector("td[data-ix='1,2']"));
        assertThat(hovered.getDomAttribute("title"))
                .isEqualTo("[1, 2] = " + jsNumber(probabilities.get(1).get(2)));

        new Actions(browser).moveToElement(hovered).perform();

        assertThat(highlighted(cards.get(0))).containsExactly("1,2");
        assertThat(highlighted(cards.get(1))).containsExactly("1");
        assertThat(highlighted(cards.get(3))).containsExactly("1,2");
        assertThat(highlighted(cards.get(4))).containsExactly("0,1,2", "1,1,2");
        assertThat(highlighted(browser.findElement(By.id("heat")))).containsExactly("1,2");
        assertThat(highlighted(browser.findElement(By.id("grids")))).containsExactly("1,2");
        assertThat(highlighted(browser.findElement(By.id("bars")))).containsExactly("1");
        screenshot("06-explain-steps");
    }

    /**
     * What the service itself says with {@code ?explain=true}: its steps, in order, once it
     * explains; until then, a note that there are none, under pictures that are all there.
     */
    @Test
    void explainStepsFromTheServiceAreDrawnOrTheirAbsenceIsSaid() throws IOException {
        open();
        JsonNode answer = post("/loss/cross-entropy?explain=true", seed());

        if (answer.has("steps")) {
            List<String> names = new ArrayList<>();
            answer.get("steps").forEach(step -> names.add(step.get("name").asString()));
            assertThat(
                            browser.findElements(By.cssSelector("#steps li.step h3")).stream()
                                    .map(WebElement::getText))
                    .containsExactlyElementsOf(names);
        } else {
            assertThat(browser.findElement(By.cssSelector("#steps .steps-missing")).getText())
                    .contains("did not send explain steps");
            assertThat(browser.findElements(By.cssSelector("#heat g.hcell"))).hasSize(12);
        }
    }

    @Test
    void aFailedOrSlowRequestLeavesThePageWorking() throws IOException {
        open();
        browser.executeScript(
                "window.realFetch = window.fetch;"
                        + "window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
        type(cell("/logits/0/0"), "1");
        waitUntilState("failed");
        assertThat(browser.findElement(By.id("problems")).getText()).contains("Could not reach");

        // A request that never answers is given up after the page's timeout.
        browser.executeScript(
                "window.fetch = (url, init) => new Promise((resolve, reject) =>"
                        + "  init.signal.addEventListener('abort',"
                        + "      () => reject(new DOMException('aborted', 'AbortError'))));");
        type(cell("/logits/0/0"), "2");
        waitUntilState("failed");
        assertThat(browser.findElement(By.id("problems")).getText()).contains("did not answer");
        screenshot("07-no-answer");

        browser.executeScript("window.fetch = window.realFetch;");
        type(cell("/logits/0/0"), "3");
        waitUntilState("ready");
        ObjectNode body = seed();
        ((ArrayNode) body.get("logits").get(0)).set(0, new BigDecimal("3"));
        assertThat(Double.parseDouble(lossText()))
                .isEqualTo(post("/loss/cross-entropy", body).get("loss").asDouble());
    }

    // ---------------------------------------------------------------------------------------

    private void open() {
        browser.get("http://localhost:" + port + "/");
        waitUntilState("ready");
    }

    private void waitUntilState(String state) {
        wait.until(
                d ->
                        state.equals(
                                d.findElement(By.id("playground")).getDomAttribute("data-state")));
    }

    /** Changes the target of sample 0, a logit, the label smoothing and the reduction. */
    private void editBeyondTheExample() {
        new Select(cell("/target/0")).selectByValue("3");
        type(cell("/logits/2/3"), "3.25");
        type(browser.findElement(By.id("labelSmoothing")), "0.2");
        new Select(browser.findElement(By.id("reduction"))).selectByValue("sum");
        waitUntilState("ready");
    }

    private void type(WebElement input, String text) {
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    private WebElement cell(String pointer) {
        return browser.findElement(By.cssSelector("[data-pointer='" + pointer + "']"));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private String focusedPointer() {
        return active().getDomAttribute("data-pointer");
    }

    private String lossText() {
        return browser.findElement(By.id("loss")).getText();
    }

    /** The full value of sample n's loss bar (its tooltip holds it exactly). */
    private double barValue(int n) {
        String title =
                browser.findElement(By.cssSelector("#bars g.bar[data-ix='" + n + "'] title"))
                        .getDomProperty("textContent");
        return Double.parseDouble(title.substring(title.indexOf(": ") + 2));
    }

    private List<String> heatValues() {
        return browser.findElements(By.cssSelector("#heat g.hcell text")).stream()
                .map(e -> e.getDomProperty("textContent"))
                .toList();
    }

    /** The gradient as the heat map writes it: 3 significant digits with a sign. */
    @SuppressWarnings("unchecked")
    private List<String> signedShort(JsonNode gradient) {
        return (List<String>)
                browser.executeScript(
                        "return arguments[0].flat().map(x => x === 0 ? '0'"
                                + " : (x > 0 ? '+' : '\\u2212') + String(Number(Math.abs(x).toPrecision(3))));",
                        JSON.convertValue(gradient, List.class));
    }

    private List<List<String>> gridValues(String field) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; ; r++) {
            List<WebElement> row =
                    browser.findElements(
                            By.cssSelector("input[data-pointer^='/" + field + "/" + r + "/']"));
            if (row.isEmpty()) {
                return rows;
            }
            rows.add(row.stream().map(e -> e.getDomProperty("value")).toList());
        }
    }

    private List<Integer> classTargets() {
        return browser.findElements(By.cssSelector("select[data-pointer^='/target/']")).stream()
                .map(
                        e ->
                                Integer.valueOf(
                                        new Select(e)
                                                .getFirstSelectedOption()
                                                .getDomAttribute("value")))
                .toList();
    }

    private List<String> links() {
        return browser.findElements(By.cssSelector("a[href]")).stream()
                .map(e -> e.getDomAttribute("href"))
                .toList();
    }

    private static List<String> highlighted(WebElement root) {
        return root.findElements(By.cssSelector(".hl")).stream()
                .map(e -> e.getDomAttribute("data-ix"))
                .toList();
    }

    /** The name a screen reader gives the control: its aria-label, its label or its text. */
    private String accessibleName(WebElement control) {
        return (String)
                browser.executeScript(
                        "const e = arguments[0];"
                                + "return e.getAttribute('aria-label')"
                                + " || (e.labels && e.labels.length ? e.labels[0].textContent : '')"
                                + " || e.textContent;",
                        control);
    }

    /** Clicks a copy button and reads the system clipboard back. */
    private String copy(String button) {
        browser.setPermission("clipboard-read", "granted");
        browser.setPermission("clipboard-write", "granted");
        browser.findElement(By.id(button)).click();
        wait.until(d -> d.findElement(By.id(button)).getText().startsWith("Copied"));
        return (String)
                browser.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "navigator.clipboard.readText().then(done, e => done('ERROR ' + e));");
    }

    private String jsNumber(JsonNode number) {
        return (String) browser.executeScript("return String(arguments[0]);", number.asDouble());
    }

    private static ObjectNode step(String name, String numpy, JsonNode value) {
        ObjectNode step = JSON.createObjectNode();
        step.put("name", name);
        step.put("formula", name);
        step.put("numpy", numpy);
        step.set("value", value);
        return step;
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve(name + ".png"));
    }

    private static ObjectNode seed() {
        try (InputStream in = PlaygroundBrowserIT.class.getResourceAsStream(SEED)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> texts(JsonNode matrix) {
        List<List<String>> rows = new ArrayList<>();
        matrix.forEach(row -> rows.add(row.valueStream().map(JsonNode::toString).toList()));
        return rows;
    }

    private static List<Integer> integers(JsonNode vector) {
        return vector.valueStream().map(JsonNode::asInt).toList();
    }

    private JsonNode post(String path, ObjectNode body) throws IOException {
        HttpResponse<String> response = send(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode postForProblem(String path, ObjectNode body) throws IOException {
        HttpResponse<String> response = send(path, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, ObjectNode body) throws IOException {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean torchInstalled() {
        try {
            Process check =
                    new ProcessBuilder("/usr/bin/python3", "-c", "import torch")
                            .redirectErrorStream(true)
                            .start();
            check.getInputStream().readAllBytes();
            return check.waitFor(120, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
