package dev.lossservice.ops;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.1 over a plain socket, for what only a real connection shows: bytes no HTTP client would
 * send, bodies far over a limit written while the answer is read, connections that are reset
 * instead of answered.
 */
public final class RawHttp {

    /** Writes a request body; may throw once the server stops reading. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * A parsed response.
     *
     * @param status the status code
     * @param headers header names in lower case
     * @param body the body, decoded as UTF-8 (de-chunked)
     * @param bodyBytesWritten how many body bytes the writer got out before it stopped
     * @param writeError what stopped the writer, or null if it wrote everything
     */
    public record Response(
            int status,
            Map<String, String> headers,
            String body,
            long bodyBytesWritten,
            Throwable writeError) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, CRLF-terminated) and reads the response. */
    public static Response exchange(int port, String head) throws IOException {
        return exchange(port, head, out -> {}, Duration.ofSeconds(20));
    }

    /**
     * Sends {@code head}, then writes the body from another thread while reading the response on
     * this one, as a well-behaved client does: a server that answers early is heard even if the
     * body is never finished.
     */
    public static Response exchange(int port, String head, BodyWriter body, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> writeError = new AtomicReference<>();
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    body.write(new CountingOutputStream(out, written));
                                    out.flush();
                                } catch (IOException | RuntimeException e) {
                                    writeError.set(e);
                                }
                            },
                            "raw-http-body-writer");
            writer.setDaemon(true);
            writer.start();
            Response response =
                    read(new BufferedInputStream(socket.getInputStream()), written, writeError);
            try {
                writer.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Response(
                    response.status(),
                    response.headers(),
                    response.body(),
                    written.get(),
                    writeError.get());
        }
    }

    /**
     * Sends {@code head} and the whole body, and only then reads the response, as a simple client
     * does: it hears the answer only if the server reads (or drains) the body first.
     */
    public static Response exchangeWritingFirst(
            int port, String head, BodyWriter body, Duration timeout) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            AtomicLong written = new AtomicLong();
            OutputStream out = new CountingOutputStream(socket.getOutputStream(), written);
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            body.write(out);
            out.flush();
            return read(
                    new BufferedInputStream(socket.getInputStream()),
                    written,
                    new AtomicReference<>());
        }
    }

    /** Writes {@code total} bytes of a JSON-looking array body, in 64 KiB pieces. */
    public static BodyWriter fixedBody(long total) {
        return out -> {
            byte[] piece = filler(65536);
            long left = total;
            while (left > 0) {
                int n = (int) Math.min(piece.length, left);
                out.write(piece, 0, n);
                left -= n;
            }
        };
    }

    /** Writes {@code total} bytes as chunks of 64 KiB, then the last chunk. */
    public static BodyWriter chunkedBody(long total) {
        return out -> {
            byte[] piece = filler(65536);
            long left = total;
            while (left > 0) {
                int n = (int) Math.min(piece.length, left);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                left -= n;
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** Writes one chunk of a chunked body. */
    public static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] filler(int size) {
        byte[] piece = new byte[size];
        for (int i = 0; i < size; i++) {
            piece[i] = (byte) (i % 4 == 3 ? ',' : '1');
        }
        return piece;
    }

    private static Response read(
            InputStream in, AtomicLong written, AtomicReference<Throwable> writeError)
            throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size = readLine(in); size != null; size = readLine(in)) {
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(n));
                readLine(in);
            }
        }
        return new Response(
                status,
                headers,
                body.toString(StandardCharsets.UTF_8),
                written.get(),
                writeError.get());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private final AtomicLong count;

        CountingOutputStream(OutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }
    }
}
