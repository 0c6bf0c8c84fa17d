package dev.lossservice.limits;

import dev.lossservice.servlet.ConstantMarkerFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Enforces {@code loss-service.limits.max-request-body} and {@code request-deadline} on every
 * request body.
 *
 * <p>A declared {@code Content-Length} over the limit is refused with 413 before a byte of the body
 * is read. Any other body, chunked ones included, is counted as it is read and stops with {@link
 * LimitExceededException} at the first byte over the limit. Either exception, thrown anywhere below
 * this filter and not already answered by a controller advice, is answered here as a problem
 * detail.
 */
public final class RequestBodyLimitFilter extends ConstantMarkerFilter {

    static final String LIMIT_NAME = "max-request-body";

    private final long maxBytes;
    private final Duration deadline;

    /**
     * @param maxBytes the most body bytes a request may send
     * @param deadline how long reading a request may take
     */
    public RequestBodyLimitFilter(long maxBytes, Duration deadline) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    static LimitExceededException bodyTooLarge(long maxBytes) {
        return new LimitExceededException(
                LIMIT_NAME,
                maxBytes,
                "The request body is larger than the limit "
                        + LIMIT_NAME
                        + " of "
                        + maxBytes
                        + " bytes.");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        if (request.getContentLengthLong() > maxBytes) {
            LimitProblems.write(request, response, bodyTooLarge(maxBytes));
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBytes, start, deadline), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!LimitProblems.writeIfLimit(request, response, e)) {
                throw e;
            }
        }
    }

    /** The request as seen below the filter: its body comes through a limited stream. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final long startNanos;
        private final Duration deadline;
        private LimitedServletInputStream stream;
        private BufferedReader reader;

        LimitedRequest(
                HttpServletRequest request, long maxBytes, long startNanos, Duration deadline) {
            super(request);
            this.maxBytes = maxBytes;
            this.startNanos = startNanos;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called");
            }
            return limitedStream();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (stream != null) {
                    throw new IllegalStateException("getInputStream() has already been called");
                }
                String encoding = getCharacterEncoding();
                Charset charset =
                        encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
                reader = new BufferedReader(new InputStreamReader(limitedStream(), charset));
            }
            return reader;
        }

        private LimitedServletInputStream limitedStream() throws IOException {
            if (stream == null) {
                stream =
                        new LimitedServletInputStream(
                                super.getInputStream(), maxBytes, startNanos, deadline);
            }
            return stream;
        }
    }
}
