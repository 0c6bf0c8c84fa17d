package dev.lossservice.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request as {@code http.server.requests}, the series Spring's observation filter
 * records, with the same tags and values: {@code method}, {@code uri} (the matched pattern, or
 * {@code NOT_FOUND}, {@code REDIRECTION}, {@code UNKNOWN}), {@code status}, {@code outcome}, {@code
 * exception} and {@code error} (the simple name of an exception that left the filter chain, else
 * {@code none}), besides the registry's common tags.
 *
 * <p>It replaces that filter (application.properties excludes its auto-configuration) for what it
 * cost on a seed-sized request, the largest part the service added to the request path: an
 * observation context and its key-value maps per request, and a meter looked up by a freshly built,
 * sorted and hashed tag list when it stopped (docs/benchmarks.md, Request path cost). Here a
 * request costs a clock read and a lookup of its timer by a small key; each distinct key is
 * registered once.
 */
final class RequestTimerFilter extends HttpFilter {

    static final String NAME = "http.server.requests";

    /** The methods Spring's convention names; any other is {@code UNKNOWN}. */
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    /**
     * More keys than this are not cached (each is still registered, and found, by the registry).
     */
    private static final int MAX_CACHED_TIMERS = 1000;

    private static final long serialVersionUID = 1L;

    private final transient MeterRegistry registry;

    private final transient ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** What tells one timer from another: its tags before they are made into text. */
    private record Key(String method, String uri, int status, String exception) {}

    RequestTimerFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        Throwable error = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            error =
                    e instanceof ServletException servlet && servlet.getCause() != null
                            ? servlet.getCause()
                            : e;
            // As Spring's filter: the container answers an exception that escapes with a 500.
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            throw e;
        } finally {
            timer(request, response.getStatus(), error)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(HttpServletRequest request, int status, Throwable error) {
        String method = request.getMethod();
        Key key =
                new Key(
                        METHODS.contains(method) ? method : "UNKNOWN",
                        uri(request, status),
                        status,
                        error == null ? "none" : exceptionName(error));
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = register(key);
            if (timers.size() < MAX_CACHED_TIMERS) {
                timers.putIfAbsent(key, timer);
            }
        }
        return timer;
    }

    private Timer register(Key key) {
        return Timer.builder(NAME)
                .tags(
                        Tags.of(
                                "method", key.method(),
                                "uri", key.uri(),
                                "status", Integer.toString(key.status()),
                                "outcome", outcome(key.status()),
                                "exception", key.exception(),
                                "error", key.exception()))
                .register(registry);
    }

    /** The mapping's pattern, as Spring's {@code DefaultServerRequestObservationConvention}. */
    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                instanceof String pattern) {
            return pattern.isEmpty() ? "root" : pattern;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == HttpServletResponse.SC_NOT_FOUND ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    private static String exceptionName(Throwable error) {
        String simpleName = error.getClass().getSimpleName();
        return simpleName.isBlank() ? error.getClass().getName() : simpleName;
    }
}
