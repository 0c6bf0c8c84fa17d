package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives Swagger UI in a real headless Chromium as a person would: open it, expand {@code POST
 * /loss/cross-entropy}, try the prefilled seed example (and, once more, the seed as uploaded {@code
 * .npy} files), execute it, and read the loss in the response the page shows, in {@link
 * HeadlessChromium}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SwaggerUiBrowserIT {

    private static final Path SCREENSHOT = Path.of("target", "swagger-ui-cross-entropy.png");
    private static final Path PAGE_ON_FAILURE = Path.of("target", "swagger-ui-cross-entropy.html");
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** PyTorch 1.13 float64 F.cross_entropy of the seed example, as the API contract gives it. */
    private static final String SEED_LOSS = "2.0373472850337726";

    private static final String CROSS_ENTROPY_BLOCK =
            "//div[contains(@class,'opblock-post')][.//*[contains(@class,'opblock-summary-path')"
                    + " and @data-path='/loss/cross-entropy']]";

    @LocalServerPort private int port;

    @TempDir private Path profile;

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(profile, 1280, 1600);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void swaggerUiShowsExactlyTheFourEndpoints() throws IOException {
        try {
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            browser.get("http://localhost:" + port + "/swagger-ui.html");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(CROSS_ENTROPY_BLOCK)));
            List<String> operations =
                    browser.findElements(By.cssSelector(".opblock")).stream()
                            .map(
                                    block ->
                                            block.findElement(
                                                                    By.cssSelector(
                                                                            ".opblock-summary-method"))
                                                            .getText()
                                                            .strip()
                                                    + " "
                                                    + block.findElement(
                                                                    By.cssSelector(
                                                                            ".opblock-summary-path"))
                                                            .getAttribute("data-path"))
                            .toList();
            assertThat(operations)
                    .containsExactlyInAnyOrder(
                            "POST /loss/cross-entropy",
                            "POST /loss/nll",
                            "POST /loss/bce",
                            "POST /softmax");
        } catch (RuntimeException | AssertionError e) {
            saveScreenshot();
            Files.writeString(PAGE_ON_FAILURE, browser.getPageSource());
            throw e;
        }
    }

    @Test
    void executingTheSeedExampleInSwaggerUiShowsItsLoss() throws IOException {
        try {
            executeSeedExample();
        } catch (RuntimeException | AssertionError e) {
            saveScreenshot();
            Files.writeString(PAGE_ON_FAILURE, browser.getPageSource());
            throw e;
        }
    }

    @Test
    void uploadingTheSeedAsNpyFilesInSwaggerUiShowsItsLoss() throws IOException {
        try {
            uploadSeedAsNpyFiles();
        } catch (RuntimeException | AssertionError e) {
            saveScreenshot();
            Files.writeString(PAGE_ON_FAILURE, browser.getPageSource());
            throw e;
        }
    }

    /**
     * Picks multipart/form-data as the request body's type, chooses the seed's .npy files (written
     * by scripts/generate_npy_fixtures.py) in the file inputs Swagger UI shows for the tensor
     * fields, and executes.
     */
    private void uploadSeedAsNpyFiles() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://localhost:" + port + "/swagger-ui.html");
        WebElement block =
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(By.xpath(CROSS_ENTROPY_BLOCK)));
        block.findElement(By.cssSelector(".opblock-summary")).click();
        By tryItOut = By.xpath(CROSS_ENTROPY_BLOCK + "//button[contains(@class,'try-out__btn')]");
        wait.until(ExpectedConditions.elementToBeClickable(tryItOut));
        WebElement tryButton = browser.findElement(tryItOut);
        if (tryButton.getText().strip().equalsIgnoreCase("Try it out")) {
            tryButton.click();
        }
        WebElement contentType =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.xpath(
                                        CROSS_ENTROPY_BLOCK
                                                + "//*[contains(@class,'opblock-section-request-body')]"
                                                + "//select")));
        new Select(contentType).selectByValue("multipart/form-data");
        for (String[] part :
                List.of(
                        new String[] {"logits", "seed-logits-f8.npy"},
                        new String[] {"target", "seed-target-i8.npy"})) {
            WebElement input =
                    wait.until(
                            ExpectedConditions.presenceOfElementLocated(
                                    By.xpath(
                                            CROSS_ENTROPY_BLOCK
                                                    + "//tr[@data-property-name='"
                                                    + part[0]
                                                    + "']//input[@type='file']")));
            input.sendKeys(npyFile(part[1]));
        }

        By execute = By.xpath(CROSS_ENTROPY_BLOCK + "//button[contains(@class,'execute')]");
        wait.until(ExpectedConditions.elementToBeClickable(execute)).click();
        By responseBody =
                By.xpath(
                        CROSS_ENTROPY_BLOCK
                                + "//*[contains(@class,'live-responses-table')]"
                                + "//*[contains(@class,'response-col_description')]//pre");
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(responseBody));
        wait.until(d -> withoutSpace(shown.getText()).contains("\"loss\":"));
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", shown);
        saveScreenshot();

        assertThat(withoutSpace(shown.getText())).contains("\"loss\":" + SEED_LOSS + ",");
    }

    private static String npyFile(String name) {
        try {
            return Path.of(SwaggerUiBrowserIT.class.getResource("/npy/" + name).toURI())
                    .toAbsolutePath()
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void executeSeedExample() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://localhost:" + port + "/swagger-ui.html");

        WebElement block =
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(By.xpath(CROSS_ENTROPY_BLOCK)));
        block.findElement(By.cssSelector(".opblock-summary")).click();
        By tryItOut = By.xpath(CROSS_ENTROPY_BLOCK + "//button[contains(@class,'try-out__btn')]");
        wait.until(ExpectedConditions.elementToBeClickable(tryItOut));
        // With springdoc.swagger-ui.try-it-out-enabled the editor is already open ("Cancel").
        WebElement tryButton = browser.findElement(tryItOut);
        if (tryButton.getText().strip().equalsIgnoreCase("Try it out")) {
            tryButton.click();
        }
        WebElement body =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.xpath(
                                        CROSS_ENTROPY_BLOCK
                                                + "//textarea[contains(@class,'body-param__text')]")));
        // The first example, prefilled, is the seed example.
        assertThat(withoutSpace(body.getAttribute("value")))
                .contains("\"logits\":[[-1.0606,1.5613,1.2007,-0.2481]")
                .contains("\"target\":[0,2,1]");

        By execute = By.xpath(CROSS_ENTROPY_BLOCK + "//button[contains(@class,'execute')]");
        wait.until(ExpectedConditions.elementToBeClickable(execute)).click();

        By responseBody =
                By.xpath(
                        CROSS_ENTROPY_BLOCK
                                + "//*[contains(@class,'live-responses-table')]"
                                + "//*[contains(@class,'response-col_description')]//pre");
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(responseBody));
        wait.until(d -> withoutSpace(shown.getText()).contains("\"loss\":"));
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", shown);
        saveScreenshot();

        assertThat(withoutSpace(shown.getText())).contains("\"loss\":" + SEED_LOSS + ",");
    }

    private static String withoutSpace(String text) {
        return text == null ? "" : text.replaceAll("\\s+", "");
    }

    private void saveScreenshot() throws IOException {
        HeadlessChromium.screenshot(browser, SCREENSHOT);
    }
}
