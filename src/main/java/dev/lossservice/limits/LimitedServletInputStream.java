package dev.lossservice.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A request body stream that counts the bytes it hands out and stops with {@link
 * LimitExceededException} as soon as the count passes the limit, and with {@link
 * RequestDeadlineExceededException} once the request's deadline has passed. Counting the bytes
 * read, not trusting {@code Content-Length}, makes the limit hold for chunked bodies too.
 */
final class LimitedServletInputStream extends ServletInputStream {

    private final ServletInputStream delegate;
    private final long maxBytes;
    private final long deadlineNanos;
    private final Duration deadline;
    private long count;

    /** The buffer of {@link #read()}, which goes through the counting of the bulk reads. */
    private final byte[] single = new byte[1];

    /**
     * @param delegate the container's stream
     * @param maxBytes the most bytes that may be read
     * @param startNanos {@link System#nanoTime()} when the request arrived
     * @param deadline how long after {@code startNanos} reading may go on
     */
    LimitedServletInputStream(
            ServletInputStream delegate, long maxBytes, long startNanos, Duration deadline) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
        this.deadlineNanos = startNanos + deadline.toNanos();
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n <= 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Asking for at most one byte past the limit is enough to tell "at" from "over".
        int allowed = (int) Math.min(length, Math.max(maxBytes - count + 1, 1));
        return counted(() -> delegate.read(buffer, offset, allowed));
    }

    @Override
    public int readLine(byte[] buffer, int offset, int length) throws IOException {
        return counted(() -> delegate.readLine(buffer, offset, length));
    }

    /** One read of several bytes from the delegate. */
    private interface Read {
        int read() throws IOException;
    }

    /** Runs {@code read} within the deadline and counts the bytes it returns. */
    private int counted(Read read) throws IOException {
        checkDeadline();
        int n;
        try {
            n = read.read();
        } catch (IOException e) {
            throw timeoutOr(e);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return delegate.available();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    private void count(int n) {
        count += n;
        if (count > maxBytes) {
            throw RequestBodyLimitFilter.bodyTooLarge(maxBytes);
        }
    }

    private void checkDeadline() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new RequestDeadlineExceededException(
                    "The request was not completed within the limit request-deadline of "
                            + deadline.toMillis()
                            + " ms.");
        }
    }

    /**
     * Tomcat reports a read that waited longer than the connection timeout as a {@code
     * ClientAbortException} caused by a {@link SocketTimeoutException}; that is a slow client, not
     * a broken one, and gets a 408.
     */
    private static IOException timeoutOr(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                throw new RequestDeadlineExceededException(
                        "The request body stopped arriving for longer than the connection"
                                + " timeout.");
            }
        }
        return e;
    }
}
