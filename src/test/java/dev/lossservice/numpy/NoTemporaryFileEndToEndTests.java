package dev.lossservice.numpy;

import static dev.lossservice.numpy.MultipartForm.form;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.multipart.MultipartResolver;

/**
 * A 1024 x 1000 multipart request writes no file: its parts are read in memory, never spooled.
 *
 * <p>Where a part would be spooled: Tomcat writes parts above a multipart configuration's size
 * threshold to its location, by default the context's temporary directory, which lies under
 * Tomcat's base directory (Spring's {@code StandardServletMultipartResolver} uses exactly that).
 * The base directory is a fresh one here, watched (every directory under it) for any file or
 * directory created while the request runs; a file created and deleted again still shows as an
 * event. The control: the same body sent to a servlet that asks the container for its parts (a
 * multipart configuration with threshold 0, as Boot's default) makes the watch see Tomcat's spool
 * files.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(NoTemporaryFileEndToEndTests.SpoolingServlet.class)
class NoTemporaryFileEndToEndTests {

    private static final Path BASE_DIRECTORY = createBaseDirectory();

    @DynamicPropertySource
    static void tomcatBaseDirectory(DynamicPropertyRegistry registry) {
        registry.add("server.tomcat.basedir", BASE_DIRECTORY::toString);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    /** 1024 x 1000 float64 logits and 1024 int64 class indices: an 8 MB body. */
    private static final byte[] BODY = body();

    @Test
    void aLargeMultipartRequestCreatesNoFile() throws Exception {
        assertThat(context.getBeansOfType(MultipartResolver.class)).isEmpty();
        List<Path> created;
        HttpResponse<String> response;
        try (Watch watch = new Watch(BASE_DIRECTORY)) {
            response = post("/loss/cross-entropy?samples=false&gradient=false");
            created = watch.created();
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"loss\":");
        assertThat(created).as("files created under Tomcat's base directory").isEmpty();
    }

    @Test
    void theWatchSeesTheFilesTheContainerSpoolsPartsInto() throws Exception {
        List<Path> created;
        HttpResponse<String> response;
        try (Watch watch = new Watch(BASE_DIRECTORY)) {
            response = post("/spooling-control");
            created = watch.created();
        }

        assertThat(response.body()).isEqualTo("2 parts");
        assertThat(created)
                .as("Tomcat's spool files")
                .anySatisfy(
                        path -> assertThat(path.getFileName().toString()).startsWith("upload_"));
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", MultipartForm.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] body() {
        SplittableRandom random = new SplittableRandom(1);
        double[] logits = random.doubles(1024 * 1000).map(v -> 4 * (v - 0.5)).toArray();
        long[] target = random.longs(1024, 0, 1000).toArray();
        return form().file("logits", NumpyFiles.doubles(logits, 1024, 1000))
                .file("target", NumpyFiles.longs(target, 1024))
                .bytes();
    }

    private static Path createBaseDirectory() {
        try {
            return Files.createTempDirectory("no-temporary-file-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every directory under a root, watched for creations. */
    private static final class Watch implements AutoCloseable {

        private final WatchService service = FileSystems.getDefault().newWatchService();

        Watch(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path directory : paths.filter(Files::isDirectory).toList()) {
                    directory.register(service, StandardWatchEventKinds.ENTRY_CREATE);
                }
            }
        }

        /** What was created, after giving late events a second to arrive. */
        List<Path> created() throws InterruptedException {
            List<Path> created = new ArrayList<>();
            WatchKey key;
            while ((key = service.poll(1, TimeUnit.SECONDS)) != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    created.add(((Path) key.watchable()).resolve(String.valueOf(event.context())));
                }
                key.reset();
            }
            return created;
        }

        @Override
        public void close() throws IOException {
            service.close();
        }
    }

    /**
     * A servlet that lets the container parse and spool the parts, as a MultipartResolver would.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SpoolingServlet {

        @Bean
        ServletRegistrationBean<HttpServlet> spoolingControl() {
            ServletRegistrationBean<HttpServlet> registration =
                    new ServletRegistrationBean<>(
                            new HttpServlet() {
                                @Override
                                protected void doPost(
                                        HttpServletRequest request, HttpServletResponse response)
                                        throws IOException, ServletException {
                                    response.getWriter()
                                            .write(request.getParts().size() + " parts");
                                }
                            },
                            "/spooling-control");
            // Boot's defaults for multipart: no size limit here, threshold 0 (every part to disk).
            registration.setMultipartConfig(new MultipartConfigElement("", -1, -1, 0));
            return registration;
        }
    }
}
