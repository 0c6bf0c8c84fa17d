package dev.lossservice.limits;

import dev.lossservice.problem.ProblemJson;
import dev.lossservice.problem.ProblemType;
import dev.lossservice.servlet.ConstantMarkerFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Caps how many heavy requests are read and computed at once.
 *
 * <p>A request is heavy when its declared body is at least the threshold, or when it sends a body
 * of unknown length (chunked). A heavy request takes a permit before its body is read and gives it
 * back when its response is done. When no permit frees up within a short wait the request is
 * answered {@code 503 Service Unavailable} with {@code Retry-After}, instead of queueing on
 * Tomcat's threads without bound. Light requests (small bodies, health checks, metrics) never wait
 * here, so they keep being served while the heavy ones run.
 */
public final class HeavyRequestGate extends ConstantMarkerFilter {

    static final String LIMIT_NAME = "max-concurrent-heavy-requests";

    private final Semaphore permits;
    private final int maxConcurrent;
    private final long thresholdBytes;
    private final Duration wait;
    private final long retryAfterSeconds;
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param maxConcurrent how many heavy requests may run at once, at least 1
     * @param thresholdBytes the declared body size from which a request is heavy
     * @param wait how long to wait for a permit
     * @param retryAfter the delay to suggest to a refused client, rounded up to whole seconds
     */
    public HeavyRequestGate(
            int maxConcurrent, long thresholdBytes, Duration wait, Duration retryAfter) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.thresholdBytes = thresholdBytes;
        this.wait = wait;
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Heavy requests running now. */
    public int active() {
        return maxConcurrent - permits.availablePermits();
    }

    /** Heavy requests refused with 503 since start. */
    public long rejected() {
        return rejected.get();
    }

    boolean isHeavy(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length >= 0) {
            return length >= thresholdBytes;
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isHeavy(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            rejected.incrementAndGet();
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        ProblemDetail problem =
                ProblemType.ofStatus(
                        HttpStatus.SERVICE_UNAVAILABLE.value(),
                        "The service is computing as many large requests as the limit "
                                + LIMIT_NAME
                                + " of "
                                + maxConcurrent
                                + " allows; retry after "
                                + retryAfterSeconds
                                + " s.",
                        request.getRequestURI());
        problem.setProperty("limit", LIMIT_NAME);
        problem.setProperty("limitValue", (long) maxConcurrent);
        ProblemJson.write(response, problem);
    }
}
