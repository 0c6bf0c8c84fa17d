package dev.lossservice.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into an RFC 9457 problem detail ({@code application/problem+json}) with {@code
 * type}, {@code title}, {@code status}, {@code detail} and {@code instance}, plus an {@code errors}
 * array of {@code {pointer, detail}} for problems with fields of the request body.
 *
 * <p>Spring's own exceptions (404, 405, 406, 415, ...) are answered by the base class and pass
 * through {@link #handleExceptionInternal}, which fills in what they lack. No answer carries a
 * stack trace, an exception class name or the input: details are written here, never copied from a
 * parser message.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** RFC 9457's type of a problem that needs no more than its HTTP status to be understood. */
    static final URI BLANK = URI.create("about:blank");

    static final URI INVALID_REQUEST = URI.create("urn:loss-service:problem:invalid-request");
    static final URI MALFORMED_JSON = URI.create("urn:loss-service:problem:malformed-json");
    static final URI TOO_MANY_ELEMENTS = URI.create("urn:loss-service:problem:too-many-elements");
    static final URI NON_FINITE_RESULT = URI.create("urn:loss-service:problem:non-finite-result");
    static final URI INTERNAL_ERROR = URI.create("urn:loss-service:problem:internal-error");

    private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException e, WebRequest request) {
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        INVALID_REQUEST,
                        "Invalid request",
                        e.total() == 1
                                ? "The request has 1 invalid field; see errors."
                                : "The request has "
                                        + e.total()
                                        + " invalid fields"
                                        + (e.total() > e.problems().size()
                                                ? "; errors lists the first "
                                                        + e.problems().size()
                                                        + "."
                                                : "; see errors."));
        problem.setProperty("errors", e.problems());
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MalformedJsonException.class)
    ResponseEntity<Object> malformedJson(MalformedJsonException e, WebRequest request) {
        String where = e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        MALFORMED_JSON,
                        "Malformed JSON",
                        "The request body is not valid JSON, or exceeds a parser limit on number"
                                + " length or nesting depth"
                                + where
                                + ".");
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(TooManyElementsException.class)
    ResponseEntity<Object> tooManyElements(TooManyElementsException e, WebRequest request) {
        ProblemDetail problem =
                problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        TOO_MANY_ELEMENTS,
                        "Too many numbers",
                        "The request holds more than "
                                + e.limit()
                                + " numbers; split the batch into smaller requests.");
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @ExceptionHandler(NonFiniteResultException.class)
    ResponseEntity<Object> nonFiniteResult(NonFiniteResultException e, WebRequest request) {
        ProblemDetail problem =
                problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        NON_FINITE_RESULT,
                        "Result not representable",
                        "The result "
                                + e.quantity()
                                + " is not finite in double precision: the inputs are finite but"
                                + " so large in magnitude that it overflows. Scale them down.");
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    /**
     * Tomcat refuses a query string it cannot decode ({@code ?samples=%zz}) only when a parameter
     * is first read, which is inside Spring MVC. Its message quotes the value, so it is not used.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(InvalidParameterException e, WebRequest request) {
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        INVALID_REQUEST,
                        "Invalid request",
                        "The query string is not validly percent-encoded.");
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Anything else is a bug of ours; the client gets a generic answer, the log the details. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error answering " + path(request), e);
        ProblemDetail problem =
                problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        INTERNAL_ERROR,
                        "Internal error",
                        "The service failed to answer this request. This is a bug; the service"
                                + " log holds the details.");
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        // Reached for a missing body: the converter turns unreadable JSON into its own exceptions.
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        MALFORMED_JSON,
                        "Malformed JSON",
                        "The request body is missing or unreadable; send one JSON object.");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        // The default detail quotes the value sent; the parameter name is enough to act on.
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        INVALID_REQUEST,
                        "Invalid request",
                        "The query parameter " + name + " must be true or false.");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /**
     * Every answer of this class ends here: makes sure it has a problem-detail body with an {@code
     * instance}, and the problem media type even where the client's {@code Accept} did not offer it
     * (a 406 has to be written somehow).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e,
            Object body,
            HttpHeaders headers,
            HttpStatusCode statusCode,
            WebRequest request) {
        ProblemDetail problem =
                body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        // Spring 7 leaves type null (meaning about:blank) and often detail too; the contract wants
        // both present.
        if (problem.getType() == null) {
            problem.setType(BLANK);
        }
        HttpStatus known = HttpStatus.resolve(statusCode.value());
        if (problem.getTitle() == null) {
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        if (problem.getDetail() == null) {
            problem.setDetail(defaultDetail(e, problem.getTitle()));
        }
        if (problem.getInstance() == null) {
            String path = path(request);
            if (path != null) {
                try {
                    problem.setInstance(URI.create(path));
                } catch (IllegalArgumentException notAUri) {
                    // Leave instance out rather than fail while answering an error.
                }
            }
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, problem, problemHeaders, statusCode, request);
    }

    /** Details for Spring's own exceptions, which arrive without one. */
    private static String defaultDetail(Exception e, String title) {
        if (e instanceof HttpRequestMethodNotSupportedException unsupported) {
            return "The method "
                    + unsupported.getMethod()
                    + " is not supported here"
                    + (unsupported.getSupportedHttpMethods() == null
                                    || unsupported.getSupportedHttpMethods().isEmpty()
                            ? "."
                            : "; use " + unsupported.getSupportedHttpMethods() + ".");
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return "The request body must be sent with Content-Type: application/json.";
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return "This endpoint answers with application/json (errors with"
                    + " application/problem+json); the Accept header allows neither.";
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return "There is no endpoint at this path. The endpoints are POST /loss/cross-entropy,"
                    + " POST /loss/nll, POST /loss/bce and POST /softmax.";
        }
        return title + ".";
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servletRequest =
                    nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servletRequest != null) {
                return servletRequest.getRequestURI();
            }
        }
        return null;
    }
}
