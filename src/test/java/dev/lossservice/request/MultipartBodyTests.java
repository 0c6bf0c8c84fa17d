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

    @Test
    void readsTheSamePartsWhateverPiecesTheBodyArrivesIn() throws Exception {
        // Delimiters are searched for in each piece as it arrives: pieces of every size split the
        // delimiters, and the near-misses in the content, at every offset.
        String body =
                "preamble\r\n--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                        + "\r\n--XyZ12\r\n--XyZ1\r\r\n--X"
                        + "\r\n--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n\r\n\r\n--"
                        + B
                        + "--\r\nepilogue\r\n--"
                        + B;
        List<String> expected = parts(body);
        assertThat(expected).containsExactly("a=\r\n--XyZ12\r\n--XyZ1\r\r\n--X", "b=\r\n");
        for (int piece = 1; piece <= body.length(); piece++) {
            for (long declared : new long[] {body.length(), -1}) {
                assertThat(partsRead(body, piece, declared))
                        .as("pieces of %d bytes, Content-Length %d", piece, declared)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aBodyWithMoreDelimitersThanTheIndexHoldsIsSplitAllTheSame() throws Exception {
        String delimiters = ("\r\n--" + B).repeat(MultipartBody.MAX_INDEXED_DELIMITERS + 5);
        String body =
                "--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--"
                        + B
                        + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--"
                        + B
                        + "--"
                        + delimiters;
        String crowded = "--" + B + "\r\n\r\n" + delimiters;

        assertThat(parts(body)).containsExactly("a=1", "b=2");
        assertThat(partsRead(body, 7, -1)).containsExactly("a=1", "b=2");
        // Every delimiter a part boundary: the first empty header block has no name.
        assertThatExceptionOfType(MultipartBody.MalformedException.class)
                .isThrownBy(() -> partsRead(crowded, 100, crowded.length()))
                .withMessageContaining("no Content-Disposition");
    }

    /** The parts of a body read from a stream that hands out at most {@code piece} bytes a read. */
    private static List<String> partsRead(String body, int piece, long declaredLength)
            throws Exception {
        var in =
                new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)) {
                    @Override
                    public synchronized int read(byte[] buffer, int offset, int length) {
                        return super.read(buffer, offset, Math.min(length, piece));
                    }
                };
        List<String> parts = new ArrayList<>();
        MultipartBody.read(in, declaredLength, B, new BodyBuffers()).parts(collectingInto(parts));
        return parts;
    }

    private static List<String> parts(String body) throws MultipartBody.MalformedException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        List<String> parts = new ArrayList<>();
        new MultipartBody(bytes, bytes.length, B).parts(collectingInto(parts));
        return parts;
    }

    /** Adds each part as {@code name=content}. */
    private static MultipartBody.PartHandler collectingInto(List<String> parts) {
        return (name, array, offset, length) ->
                parts.add(
                        name
                                + "="
                                + new String(array, offset, length, StandardCharsets.ISO_8859_1));
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
