package dev.lossservice;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} and {@code chromium-driver} under Selenium, headless, as the browser
 * tests drive them (.ci/run installs both). Without the driver a test is skipped, but only outside
 * CI: with {@code CI} set, a missing driver fails it.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** Skips the calling test when the driver is missing and CI is unset. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(CHROMEDRIVER) || System.getenv("CI") != null,
                "chromedriver not installed (apt-get install chromium chromium-driver); CI unset");
    }

    /**
     * A fresh browser with its own profile directory and a window of the given size, keeping the
     * page's console messages (read with {@code manage().logs().get(LogType.BROWSER)}).
     */
    static ChromeDriver start(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                List.of(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--hide-scrollbars",
                        "--window-size=" + width + "," + height,
                        "--user-data-dir=" + profile.toAbsolutePath()));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the window shows as a PNG at {@code file}, creating its directory. */
    static void screenshot(ChromeDriver browser, Path file) throws IOException {
        Path taken = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
