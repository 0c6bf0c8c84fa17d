package dev.lossservice.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one request may cost, under {@code loss-service.limits}. Every limit is checked
 * before the work it protects is done: the body size while the body is read (and from {@code
 * Content-Length} before reading), the element counts while the JSON is parsed, the concurrency cap
 * before the body is read.
 *
 * @param maxRequestBody largest request body, counted on the wire bytes whether or not the client
 *     sends {@code Content-Length}; the default 64 MiB holds two 1024 x 1000 tensors of doubles
 *     written at full precision (about 21 MB of JSON each), e.g. logits with probability targets
 * @param maxTensorElements most numbers in any one tensor of a request (1024 x 1024 by default)
 * @param maxRequestElements most numbers in all tensors of a request together (three full tensors,
 *     e.g. BCE input, target and element-wise weight)
 * @param maxConcurrentHeavyRequests how many heavy requests may be read and computed at once; 0
 *     (the default) means the number of available processors
 * @param heavyRequestThreshold a request to a computing endpoint whose declared body is at least
 *     this large, or whose size is unknown (chunked), is heavy and needs a permit
 * @param heavyRequestWait how long a heavy request waits for a permit before it is answered {@code
 *     503} with {@code Retry-After}; kept short so that nothing queues without bound
 * @param retryAfter the delay suggested in {@code Retry-After} when the service is busy
 * @param requestDeadline the most time a request to a computing endpoint may take from its first
 *     body byte being awaited to its response; a slower request is answered {@code 408}
 * @param maxDrainedBody the largest body that is still read to its end after an early answer (a
 *     413, a 400), so that a client that writes its whole body before reading hears the answer; 0
 *     (the default) means four times {@code maxRequestBody}. A larger body gets the answer and a
 *     closed connection
 * @param drainTimeout the most time spent reading such a body to its end; after it the connection
 *     is closed
 * @param maxExplainElements most numbers in the input (logits, logProbabilities, probabilities) of
 *     a request with {@code ?explain=true}; each of its about ten steps is that large, so a larger
 *     request is answered {@code 400} instead of with megabytes of steps
 */
@ConfigurationProperties("loss-service.limits")
public record LimitsProperties(
        @DefaultValue("64MB") DataSize maxRequestBody,
        @DefaultValue("1048576") long maxTensorElements,
        @DefaultValue("3145728") long maxRequestElements,
        @DefaultValue("0") int maxConcurrentHeavyRequests,
        @DefaultValue("64KB") DataSize heavyRequestThreshold,
        @DefaultValue("100ms") Duration heavyRequestWait,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("30s") Duration requestDeadline,
        @DefaultValue("0") DataSize maxDrainedBody,
        @DefaultValue("30s") Duration drainTimeout,
        @DefaultValue("10000") long maxExplainElements) {

    /**
     * @throws IllegalArgumentException if a size or count is not positive, the concurrency cap is
     *     negative, or a duration is negative
     */
    public LimitsProperties {
        requirePositive("max-request-body", maxRequestBody.toBytes());
        requirePositive("max-tensor-elements", maxTensorElements);
        requirePositive("max-request-elements", maxRequestElements);
        if (maxConcurrentHeavyRequests < 0) {
            throw new IllegalArgumentException(
                    "max-concurrent-heavy-requests must be >= 0, got "
                            + maxConcurrentHeavyRequests);
        }
        requirePositive("heavy-request-threshold", heavyRequestThreshold.toBytes());
        requireNotNegative("heavy-request-wait", heavyRequestWait);
        requireNotNegative("retry-after", retryAfter);
        requirePositive("request-deadline", requestDeadline.toMillis());
        if (maxDrainedBody.toBytes() < 0) {
            throw new IllegalArgumentException(
                    "max-drained-body must be >= 0, got " + maxDrainedBody.toBytes());
        }
        requireNotNegative("drain-timeout", drainTimeout);
        requirePositive("max-explain-elements", maxExplainElements);
    }

    /** The element limits, for the streaming request reader. */
    public ElementLimits elementLimits() {
        return new ElementLimits(maxTensorElements, maxRequestElements);
    }

    /** The concurrency cap with 0 resolved to the number of available processors. */
    public int effectiveMaxConcurrentHeavyRequests() {
        return maxConcurrentHeavyRequests > 0
                ? maxConcurrentHeavyRequests
                : Runtime.getRuntime().availableProcessors();
    }

    /** The drain bound in bytes, with 0 resolved to four times the body limit. */
    public long effectiveMaxDrainedBody() {
        long bytes = maxDrainedBody.toBytes();
        return bytes > 0 ? bytes : saturatedTimesFour(maxRequestBody.toBytes());
    }

    private static long saturatedTimesFour(long bytes) {
        return bytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : bytes * 4;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
