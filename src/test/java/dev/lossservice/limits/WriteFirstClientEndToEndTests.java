package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.ops.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that writes its whole request before it reads the answer, as Python's {@code urllib} and
 * {@code requests} do, posting cross-entropy bodies far over the default 64 MiB body limit to the
 * real endpoint with the shipped configuration. Unless the rest of the body is read, such a client
 * sees a reset connection instead of the 413.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WriteFirstClientEndToEndTests {

    private static final long MB = 1_000_000;

    @LocalServerPort int port;

    @ParameterizedTest(name = "{0} MB, chunked: {1}")
    @CsvSource({"80, false", "80, true", "200, false", "200, true"})
    void crossEntropyBodyOverTheLimitWrittenBeforeReadingGetsThe413Problem(
            long megabytes, boolean chunked) throws IOException {
        long size = megabytes * MB;
        String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size;

        RawHttp.Response response =
                RawHttp.exchangeWritingFirst(
                        port,
                        "POST /loss/cross-entropy HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\n"
                                + framing
                                + "\r\n\r\n",
                        crossEntropyBody(size, chunked),
                        Duration.ofSeconds(60));

        assertThat(response.bodyBytesWritten()).as("the whole body went out").isGreaterThan(size);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body())
                .contains(
                        "\"type\":\"urn:loss-service:problem:limit-exceeded\"",
                        "\"status\":413",
                        "\"instance\":\"/loss/cross-entropy\"");
    }

    /**
     * {@code {"logits":[[0.25,0.25,...,0.25]],"target":[0]}} of exactly {@code size} bytes, written
     * in 64 KiB pieces, never held whole.
     */
    private static RawHttp.BodyWriter crossEntropyBody(long size, boolean chunked) {
        byte[] head = "{\"logits\":[[".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "0.25]],\"target\":[0]}".getBytes(StandardCharsets.US_ASCII);
        byte[] piece = new byte[65535];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) "0.25,".charAt(i % 5);
        }
        return out -> {
            write(out, head, head.length, chunked);
            long left = size - head.length - tail.length;
            while (left > 0) {
                int n = (int) Math.min(piece.length, left);
                // Whole numbers only: pad the last piece with spaces, which JSON allows.
                byte[] part = n == piece.length ? piece : padded(piece, n);
                write(out, part, n, chunked);
                left -= n;
            }
            write(out, tail, tail.length, chunked);
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    private static byte[] padded(byte[] piece, int n) {
        byte[] part = Arrays.copyOf(piece, n);
        Arrays.fill(part, n - n % 5, n, (byte) ' ');
        return part;
    }

    private static void write(OutputStream out, byte[] bytes, int n, boolean chunked)
            throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, n);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
