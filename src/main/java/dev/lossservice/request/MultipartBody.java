package dev.lossservice.request;

import dev.lossservice.limits.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578, framed as RFC 2046 says), held in memory,
 * into its parts, without copying them: each part is handed on as its name and the range of the
 * body's array that holds its content. Parts are never written anywhere.
 *
 * <p>The body is: an optional preamble, then for each part the delimiter {@code --BOUNDARY} (at the
 * start of the body or after a CRLF), optional spaces or tabs and a CRLF, header lines, an empty
 * line, the content; after the last part the delimiter followed by {@code --}, then an ignored
 * epilogue. A part's content ends at the first CRLF followed by the delimiter. Of the headers only
 * {@code Content-Disposition: form-data; name="..."} is read.
 *
 * <p>Every delimiter is found with Horspool's search, which looks at about one byte in every
 * delimiter's length of random data. {@link #read} searches each piece of the body as it arrives,
 * while it is still in the processor's cache: a search through the whole body afterwards costs as
 * much as reading 8 MB from memory again (about 1 ms), which is a tenth of a large request.
 */
final class MultipartBody {

    /** Longest header block of one part: a name, a file name and a content type fit many times. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** RFC 2046 allows 70 characters; clients stay far below. */
    static final int MAX_BOUNDARY = 200;

    /**
     * Delimiters recorded while the body is read; past this many (a request has a few fields), the
     * rest are searched for when needed, so that a body of delimiters does not make an index as
     * large as itself.
     */
    static final int MAX_INDEXED_DELIMITERS = 1000;

    private static final int FIRST_BUFFER = 64 * 1024;
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

    /** One part's content: {@code bytes[offset, offset + length)}. */
    interface PartHandler {
        void part(String name, byte[] bytes, int offset, int length);
    }

    /** A body that is not multipart as its Content-Type says; the message is for clients. */
    static final class MalformedException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedException(String detail) {
            super(detail, null, false, false);
        }
    }

    private byte[] body;
    private int length;

    /** {@code CRLF--BOUNDARY}: what ends every part's content. */
    private final byte[] delimiter;

    private final int[] skip = new int[256];

    /** Where each delimiter in {@code body[0, length)} starts, in order. */
    private final int[] delimiters = new int[MAX_INDEXED_DELIMITERS];

    private int delimiterCount;

    /** Whether {@link #delimiters} holds every delimiter of the body. */
    private boolean indexComplete = true;

    /** The next alignment of the delimiter that {@link #index} looks at. */
    private int searchFrom;

    /**
     * A body already in memory, its delimiters found at once.
     *
     * @param body the body, in {@code body[0, length)}
     * @param boundary the Content-Type's {@code boundary} parameter, unquoted
     * @throws MalformedException if the boundary is empty, too long or not ASCII
     */
    MultipartBody(byte[] body, int length, String boundary) throws MalformedException {
        this(boundary, body);
        this.length = length;
        index();
    }

    private MultipartBody(String boundary, byte[] buffer) throws MalformedException {
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedException(
                    "the Content-Type multipart/form-data has no boundary parameter");
        }
        if (boundary.length() > MAX_BOUNDARY
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw new MalformedException(
                    "the Content-Type's boundary must be at most "
                            + MAX_BOUNDARY
                            + " ASCII characters");
        }
        this.body = buffer;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(skip, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
    }

    /**
     * Reads a body to its end, finding the delimiters in each piece as it arrives. A declared
     * Content-Length sizes the buffer, one byte more so that the end is seen without growing it: on
     * the servlet path it is at most {@code max-request-body} ({@code RequestBodyLimitFilter}
     * refuses a larger one before reading), and a body of 64 KB or more holds a heavy-request
     * permit while it is read, so at most {@code max-concurrent-heavy-requests} such buffers exist
     * at once. A body of unknown length (chunked) grows its buffer as it arrives.
     *
     * @param declaredLength the Content-Length, or -1
     * @param boundary the Content-Type's {@code boundary} parameter, unquoted
     * @param buffers where the buffer comes from; {@link #release} gives it back
     * @throws MalformedException if the boundary is empty, too long or not ASCII (before reading)
     */
    static MultipartBody read(
            InputStream in, long declaredLength, String boundary, BodyBuffers buffers)
            throws IOException, MalformedException {
        MultipartBody multipart =
                new MultipartBody(
                        boundary,
                        buffers.take(
                                declaredLength >= 0 && declaredLength < MAX_BUFFER
                                        ? (int) declaredLength + 1
                                        : FIRST_BUFFER));
        while (true) {
            byte[] buffer = multipart.body;
            int length = multipart.length;
            if (length == buffer.length) {
                if (length == MAX_BUFFER) {
                    throw new LimitExceededException(
                            "max-request-body",
                            MAX_BUFFER,
                            "A multipart body is held in memory, at most "
                                    + MAX_BUFFER
                                    + " bytes.");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BUFFER, 2L * length));
                multipart.body = buffer;
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return multipart;
            }
            multipart.length = length + n;
            multipart.index();
        }
    }

    /**
     * Hands each part to {@code handler}, in body order.
     *
     * @throws MalformedException at the first thing that is not multipart framing; parts before it
     *     have been handed on
     */
    void parts(PartHandler handler) throws MalformedException {
        int position;
        // "--BOUNDARY" at the very start has no CRLF before it.
        if (startsWith(0, delimiter, 2)) {
            position = delimiter.length - 2;
        } else {
            int found = indexOf(0);
            if (found < 0) {
                throw new MalformedException(
                        length == 0
                                ? "the multipart body is empty"
                                : "the body holds no part delimited by the Content-Type's"
                                        + " boundary");
            }
            position = found + delimiter.length;
        }
        while (true) {
            if (startsWith(position, new byte[] {'-', '-'}, 0)) {
                return;
            }
            // Transport padding, then the line break that ends the delimiter line.
            while (position < length && (body[position] == ' ' || body[position] == '\t')) {
                position++;
            }
            if (!startsWith(position, delimiter, 0, 2)) {
                throw new MalformedException(
                        "a boundary line of the multipart body is not followed by a line break");
            }
            position += 2;
            int headersEnd = headersEnd(position);
            String name = name(position, headersEnd);
            int contentStart = headersEnd + 2;
            int contentEnd = indexOf(contentStart);
            if (contentEnd < 0) {
                throw new MalformedException(
                        "the multipart body ends inside a part: its closing boundary (--BOUNDARY--)"
                                + " is missing");
            }
            handler.part(name, body, contentStart, contentEnd - contentStart);
            position = contentEnd + delimiter.length;
        }
    }

    /** Where the empty line after a part's header lines starts. */
    private int headersEnd(int start) throws MalformedException {
        int limit = Math.min(length, start + MAX_HEADER_BYTES);
        for (int i = start; i + 1 < limit; i++) {
            // A CRLF at the start of a line: the header block ends here.
            if (body[i] == '\r' && body[i + 1] == '\n' && (i == start || body[i - 1] == '\n')) {
                return i;
            }
        }
        throw new MalformedException(
                limit == length
                        ? "the multipart body ends inside the headers of a part"
                        : "a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
    }

    /**
     * The {@code name} of the part whose header lines are {@code body[start, end)}: from its {@code
     * Content-Disposition: form-data} line, as RFC 7578 requires each part to have.
     */
    private String name(int start, int end) throws MalformedException {
        // Header names are ASCII; values such as a name may be UTF-8 (RFC 7578, 5.1).
        String headers = new String(body, start, end - start, StandardCharsets.UTF_8);
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
                String name = dispositionName(line.substring(colon + 1));
                if (name != null) {
                    return name;
                }
            }
        }
        throw new MalformedException(
                "a part has no Content-Disposition: form-data header with a name");
    }

    /**
     * The {@code name} parameter of a {@code form-data} disposition value, or null: parameters are
     * {@code key=token} or {@code key="quoted"}, separated by semicolons; a backslash in a quoted
     * string escapes the next character (as curl writes a quote in a name).
     */
    static String dispositionName(String value) {
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        if (!type.toLowerCase(Locale.ROOT).equals("form-data") || semicolon < 0) {
            return null;
        }
        int i = semicolon + 1;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int equals = value.indexOf('=', i);
            if (equals < 0) {
                return null;
            }
            String key = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            i = equals + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder parameter = new StringBuilder();
            boolean quoted = i < n && value.charAt(i) == '"';
            if (quoted) {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = value.charAt(i++);
                    }
                    parameter.append(c);
                }
                if (i >= n) {
                    return null;
                }
                i++;
            } else {
                while (i < n && value.charAt(i) != ';') {
                    parameter.append(value.charAt(i++));
                }
            }
            if (key.equals("name")) {
                return quoted ? parameter.toString() : parameter.toString().strip();
            }
            while (i < n && value.charAt(i) != ';') {
                i++;
            }
            i++;
        }
        return null;
    }

    /** Gives the body's buffer back to {@code buffers}: no part may be read after this. */
    void release(BodyBuffers buffers) {
        buffers.give(body);
        body = new byte[0];
        length = 0;
    }

    /** The first {@code CRLF--BOUNDARY} at or after {@code from}, or -1. */
    private int indexOf(int from) {
        if (!indexComplete) {
            return search(from);
        }
        int found = Arrays.binarySearch(delimiters, 0, delimiterCount, from);
        int next = found >= 0 ? found : -found - 1;
        return next < delimiterCount ? delimiters[next] : -1;
    }

    /**
     * Records the delimiters of {@code body[0, length)} not yet recorded (until the index is full),
     * searching from where the last call stopped.
     */
    private void index() {
        while (indexComplete) {
            int found = search(searchFrom);
            if (found < 0) {
                // Every earlier place is settled; later ones may end in bytes not yet read.
                searchFrom = Math.max(searchFrom, length - delimiter.length + 1);
                return;
            }
            if (delimiterCount == delimiters.length) {
                indexComplete = false;
                return;
            }
            delimiters[delimiterCount++] = found;
            searchFrom = found + 1;
        }
    }

    /** The first {@code CRLF--BOUNDARY} at or after {@code from}, or -1 (Horspool's search). */
    private int search(int from) {
        int last = delimiter.length - 1;
        int i = from;
        while (i + last < length) {
            if (matchesAt(i)) {
                return i;
            }
            i += skip[body[i + last] & 0xff];
        }
        return -1;
    }

    /** Whether the delimiter starts at {@code i}, compared from its last byte backwards. */
    private boolean matchesAt(int i) {
        for (int j = delimiter.length - 1; body[i + j] == delimiter[j]; j--) {
            if (j == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWith(int position, byte[] prefix, int prefixStart) {
        return startsWith(position, prefix, prefixStart, prefix.length);
    }

    /** Whether {@code body} at {@code position} holds {@code prefix[prefixStart, prefixEnd)}. */
    private boolean startsWith(int position, byte[] prefix, int prefixStart, int prefixEnd) {
        int count = prefixEnd - prefixStart;
        return position + count <= length
                && java.util.Arrays.equals(
                        body, position, position + count, prefix, prefixStart, prefixEnd);
    }
}
