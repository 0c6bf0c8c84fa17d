package dev.lossservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground page is served by the application at {@code /} under a Content-Security-Policy
 * that allows its own origin only, and is written so that the policy blocks nothing of its own: no
 * inline script, no style or event-handler attributes, nothing from another origin.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlaygroundPolicyTests {

    private static final String STATIC = "/static/";
    private static final List<String> SCRIPTS =
            List.of(
                    "playground/app.js",
                    "playground/charts.js",
                    "playground/dom.js",
                    "playground/grid.js",
                    "playground/highlight.js",
                    "playground/model.js",
                    "playground/snippets.js",
                    "playground/steps.js");

    @LocalServerPort private int port;

    @Test
    void homePageIsThePlaygroundUnderAPolicyOfItsOwnOrigin() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Loss playground");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy.split(";\\s*"))
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "style-src 'self'",
                        "connect-src 'self'",
                        "object-src 'none'",
                        "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
    }

    @Test
    void thePagesAssetsCarryThePolicyToo() throws Exception {
        for (String path :
                List.of("/index.html", "/playground/app.js", "/playground/playground.css")) {
            HttpResponse<String> asset = get(path);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(PlaygroundPolicyFilter.POLICY);
        }
    }

    @Test
    void swaggerUiAndTheApiAreLeftWithoutThePagesPolicy() throws Exception {
        // Swagger UI's own page runs inline script, which this policy would block.
        HttpResponse<String> swagger = get("/swagger-ui/index.html");
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.headers().firstValue("Content-Security-Policy")).isEmpty();

        HttpResponse<String> api =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/loss/cross-entropy"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        resource(
                                                                "/openapi/examples/cross-entropy-seed.json")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void theHtmlHasNoInlineScriptStyleOrForeignOrigin() {
        String html = resource(STATIC + "index.html");

        Matcher scripts =
                Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=\"playground/");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(html)
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)<style");
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)javascript:");
    }

    @Test
    void everyAssetThePageNamesIsServedFromTheApplication() throws Exception {
        String html = resource(STATIC + "index.html");
        Matcher references = Pattern.compile("(?:src|href)=\"(playground/[^\"]+)\"").matcher(html);
        int count = 0;
        while (references.find()) {
            count++;
            assertThat(get("/" + references.group(1)).statusCode())
                    .as(references.group(1))
                    .isEqualTo(200);
        }
        assertThat(count).isGreaterThanOrEqualTo(3);
        for (String script : SCRIPTS) {
            assertThat(get("/" + script).statusCode()).as(script).isEqualTo(200);
        }
    }

    @Test
    void theScriptsBuildTheirDomWithoutInlineStyleOrCodeFromStrings() {
        for (String script : SCRIPTS) {
            String code = resource(STATIC + script);
            assertThat(code)
                    .as(script)
                    .doesNotContain(
                            "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write")
                    .doesNotContain("eval(", "new Function", "setAttribute('style'")
                    .doesNotContainPattern("['\"]style['\"]\\s*:")
                    .doesNotContainPattern("(?i)https?://(?!www\\.w3\\.org/2000/svg)");
            Matcher imports = Pattern.compile("from '(\\./[a-z]+\\.js)'").matcher(code);
            while (imports.find()) {
                assertThat(SCRIPTS)
                        .as(script)
                        .contains("playground/" + imports.group(1).substring(2));
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) {
        try (InputStream in = PlaygroundPolicyTests.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
