package dev.lossservice.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of problem the service answers with, in one place: its type URI, its title and its
 * status. The MVC advice, the servlet filters, the {@code /error} page and Tomcat's error valve all
 * build their answers from here ({@link #detail(String, String)}, {@link ProblemJson}), so no title
 * or type is written twice.
 *
 * <p>Problems that need no more than their HTTP status to be understood have the type {@code
 * about:blank} (RFC 9457, section 4.2.1) and the status's reason phrase as title; their fixed
 * sentences are {@link #statusDetail(int)}.
 */
public enum ProblemType {
    /** A body that is JSON but breaks the API contract; the fields are listed in {@code errors}. */
    INVALID_REQUEST("urn:loss-service:problem:invalid-request", "Invalid request", 400),

    /** A body that is not JSON, or that a parser limit refuses. */
    MALFORMED_JSON("urn:loss-service:problem:malformed-json", "Malformed JSON", 400),

    /** {@code ?explain=true} on a request larger than the explain cap. */
    TOO_LARGE_TO_EXPLAIN(
            "urn:loss-service:problem:too-large-to-explain", "Too large to explain", 400),

    /** Finite inputs whose result overflows a double. */
    NON_FINITE_RESULT(
            "urn:loss-service:problem:non-finite-result", "Result not representable", 422),

    /** A configured {@code loss-service.limits} limit was crossed. */
    LIMIT_EXCEEDED("urn:loss-service:problem:limit-exceeded", "Limit exceeded", 413),

    /** A bug of ours; the log holds the details, the client gets none. */
    INTERNAL_ERROR("urn:loss-service:problem:internal-error", "Internal error", 500);

    /** RFC 9457's type of a problem that needs no more than its HTTP status to be understood. */
    public static final URI BLANK = URI.create("about:blank");

    /** What every client may call; named wherever a path leads nowhere. */
    static final String ENDPOINTS =
            "The endpoints are POST /loss/cross-entropy, POST /loss/nll, POST /loss/bce and POST"
                    + " /softmax.";

    /** The fixed answer to anything that is our fault. */
    static final String INTERNAL_ERROR_DETAIL =
            "The service failed to answer this request. This is a bug; the service log holds the"
                    + " details.";

    private final URI type;
    private final String title;
    private final int status;

    ProblemType(String type, String title, int status) {
        this.type = URI.create(type);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /**
     * A problem of this type.
     *
     * @param detail a fixed, client-facing sentence; never text of the request
     * @param instance the request path, or null; left out unless it is a short printable path
     */
    public ProblemDetail detail(String detail, String instance) {
        return build(type, title, status, detail, instance);
    }

    /**
     * A problem of type {@code about:blank} for a status, with the status's reason phrase as title.
     *
     * @param detail the sentence, or null for {@link #statusDetail(int)}
     */
    public static ProblemDetail ofStatus(int status, String detail, String instance) {
        return build(
                BLANK,
                title(status),
                status,
                detail != null ? detail : statusDetail(status),
                instance);
    }

    /** The reason phrase of a status, or {@code "Error"} for a code Spring does not know. */
    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    /**
     * The sentence for a status answered without more to say: Tomcat's own errors, the {@code
     * /error} page, Spring's 4xx without a detail. Never an exception's message, which may quote
     * the input.
     */
    public static String statusDetail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 404 -> "There is no endpoint at this path. " + ENDPOINTS;
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            case 500 -> INTERNAL_ERROR_DETAIL;
            case 501 -> "The method is not implemented.";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1.";
            default ->
                    status >= 500
                            ? "The service failed to answer this request."
                            : title(status) + ".";
        };
    }

    private static ProblemDetail build(
            URI type, String title, int status, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        problem.setType(type);
        problem.setTitle(title);
        if (ProblemJson.isPrintablePath(instance)) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }
}
