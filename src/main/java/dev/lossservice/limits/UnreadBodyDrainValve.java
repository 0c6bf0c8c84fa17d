package dev.lossservice.limits;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * Reads and discards what is left of a request body after the application has answered without
 * reading all of it (a 413 for a body over the limit, a 400 for JSON broken early), so that a
 * client that writes its whole body before it reads the answer still reads it instead of a reset
 * connection. Python's {@code urllib} and {@code requests} are such clients.
 *
 * <p>The drain is bounded twice: a body of at most {@code maxDrainedBody} bytes in all (what the
 * application read counts) is drained, and draining stops once {@code drainTimeout} has passed. A
 * body that is declared larger, or that is still arriving at either bound, is not read further: the
 * answer is sent and the connection is closed, which a client that reads while it writes still
 * hears. Each read also waits at most Tomcat's connection timeout, so the drain holds a thread for
 * at most {@code drainTimeout} plus one connection timeout.
 *
 * <p>Tomcat's own swallowing ({@code server.tomcat.max-swallow-size}) is bounded in bytes only;
 * this valve runs before it and leaves it nothing to read, or switches it off.
 */
final class UnreadBodyDrainValve extends ValveBase {

    private final long maxDrainedBody;
    private final long drainTimeoutNanos;

    /**
     * @param maxDrainedBody the largest body, in bytes, that is drained after an early answer
     * @param drainTimeout the longest time spent draining one body
     */
    UnreadBodyDrainValve(long maxDrainedBody, Duration drainTimeout) {
        super(true);
        this.maxDrainedBody = maxDrainedBody;
        this.drainTimeoutNanos = drainTimeout.toNanos();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.isAsyncStarted() || bodyFullyRead(request)) {
            return;
        }
        long read = request.getCoyoteRequest().getBytesRead();
        // A client that asked for 100-continue and was answered before any read has not sent
        // its body; Tomcat closes such a connection without reading.
        if (read == 0 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            return;
        }
        if (!drain(request, response, read)) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    /**
     * @return whether the body was read to its end
     */
    private boolean drain(Request request, Response response, long alreadyRead) {
        if (request.getContentLengthLong() > maxDrainedBody) {
            return false;
        }
        long deadline = System.nanoTime() + drainTimeoutNanos;
        long total = alreadyRead;
        try {
            // The answer goes out first: a client that reads while it writes has it at once.
            response.flushBuffer();
            // Below the servlet stream, which closing the response has closed too.
            org.apache.coyote.Request body = request.getCoyoteRequest();
            Discard discard = new Discard();
            while (total <= maxDrainedBody && System.nanoTime() - deadline < 0) {
                int n = body.doRead(discard);
                if (n < 0) {
                    return true;
                }
                total += n;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            // A broken or timed-out connection: nothing more to read from it.
            return false;
        }
    }

    /** Takes each piece of the body Tomcat hands out and drops it. */
    private static final class Discard implements ApplicationBufferHandler {

        private ByteBuffer buffer = ByteBuffer.allocate(0);

        @Override
        public void setByteBuffer(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public void expand(int size) {}
    }

    private static boolean bodyFullyRead(Request request) {
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return fullyRead.get();
    }
}
