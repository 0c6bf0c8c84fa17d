package dev.lossservice.numpy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body as curl and Python's {@code requests} write one: each file
 * part with a file name and {@code Content-Type: application/octet-stream}, each text part plain.
 */
public final class MultipartForm {

    public static final String BOUNDARY = "------------------------b9f3c1d2e4a5968a";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public static MultipartForm form() {
        return new MultipartForm();
    }

    public MultipartForm file(String name, byte[] content) {
        head(
                "Content-Disposition: form-data; name=\""
                        + name
                        + "\"; filename=\""
                        + name
                        + ".npy\"\r\nContent-Type: application/octet-stream");
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public MultipartForm text(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + name + "\"");
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private void head(String headers) {
        body.writeBytes(
                ("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** The body, closed with the final delimiter. */
    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(body.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }
}
