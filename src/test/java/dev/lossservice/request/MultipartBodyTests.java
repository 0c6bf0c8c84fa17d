package dev.lossservice.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multipart framing, on bodies written as RFC 2046 and the common clients write them. */
class MultipartBodyTests {

    private static final String B = "XyZ123";

    @Test
    void splitsABodyAsCurlWritesItIntoNamedParts() throws Exception {
        String body =
                "--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"logits\";"
                        + " filename=\"logits.npy\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        + "ab\r\n--c\r\n"
                        + "\r\n--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"reduction\"\r\n\r\nsum\r\n--"
                        + B
                        + "--\r\n";

        assertThat(parts(body)).containsExactly("logits=ab\r\n--c\r\n", "reduction=sum");
    }

    @Test
    void ignoresPreambleEpilogueAndTransportPadding() throws Exception {
        String body =
                "a preamble\r\n--"
                        + B
                        + " \t\r\ncontent-disposition: form-data; NAME=target\r\n\r\n1\r\n--"
                        + B
                        + "--\r\nan epilogue --"
                        + B;

        assertThat(parts(body)).containsExactly("target=1");
    }

    @Test
    void readsQuotedNamesWithEscapes() {
        assertThat(MultipartBody.dispositionName(" form-data; name=\"a\\\"b\"; filename=\"x\""))
                .isEqualTo("a\"b");
        assertThat(MultipartBody.dispositionName(" form-data; filename=\"n;x\"; name=logits"))
                .isEqualTo("logits");
        assertThat(MultipartBody.dispositionName(" attachment; name=\"logits\"")).isNull();
        assertThat(MultipartBody.dispositionName(" form-data")).isNull();
        assertThat(MultipartBody.dispositionName(" form-data; name=\"open")).isNull();
    }

    @Test
    void anEmptyPartIsAPartWithoutContent() throws Exception {
        String body =
                "--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"weight\"\r\n\r\n\r\n--"
                        + B
                        + "--";

        assertThat(parts(body)).containsExactly("weight=");
    }

    @Test
    void malformedFramingSaysWhatIsWrong() {
        assertMalformed("", "the multipart body is empty");
        assertMalformed("no delimiter at all", "holds no part");
        assertMalformed("--" + B + "x\r\n", "not followed by a line break");
        assertMalformed(
                "--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunclosed",
                "closing boundary");
        assertMalformed("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"", "headers");
        assertMalformed(
                "--" + B + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + B + "--",
                "no Content-Disposition");
        assertMalformed(
                "--" + B + "\r\nX: " + "y".repeat(MultipartBody.MAX_HEADER_BYTES) + "\r\n\r\n",
                "longer than");
    }

    @Test
    void aBoundaryMustBeGivenAndShort() {
        assertThatExceptionOfType(MultipartBody.MalformedException.class)
                .isThrownBy(() -> new MultipartBody(new byte[0], 0, null))
                .withMessageContaining("no boundary");
        assertThatExceptionOfType(MultipartBody.MalformedException.class)
                .isThrownBy(() -> new MultipartBody(new byte[0], 0, "b".repeat(201)))
                .withMessageContaining("at most 200");
    }

    @Test
    void findsTheDelimiterAtEveryOffsetOfTheContent() throws Exception {
        // Content that almost repeats the delimiter, so the search has to back off at each place.
        for (int length = 0; length < 40; length++) {
            String content = "\r\n--XyZ12\r\n-" + "\r".repeat(length) + "--XyZ";
            String body =
                    "--"
                            + B
                            + "\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\n"
                            + content
                            + "\r\n--"
                            + B
                            + "--";
            assertThat(parts(body)).as("length %d", length).containsExactly("p=" + content);
        }
    }

    private static List<String> parts(String body) throws MultipartBody.MalformedException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        List<String> parts = new ArrayList<>();
        new MultipartBody(bytes, bytes.length, B)
                .parts(
                        (name, array, offset, length) ->
                                parts.add(
                                        name
                                                + "="
                                                + new String(
                                                        array,
                                                        offset,
                                                        length,
                                                        StandardCharsets.ISO_8859_1)));
        return parts;
    }

    private static void assertMalformed(String body, String detail) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        assertThatExceptionOfType(MultipartBody.MalformedException.class)
                .as(body.length() > 60 ? body.substring(0, 60) : body)
                .isThrownBy(
                        () -> new MultipartBody(bytes, bytes.length, B).parts((n, a, o, l) -> {}))
                .withMessageContaining(detail);
    }
}
