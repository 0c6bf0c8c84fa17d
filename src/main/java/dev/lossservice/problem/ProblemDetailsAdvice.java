package dev.lossservice.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

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

    private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

    /** The request layer's own exceptions, each of which knows its problem. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> knownProblem(ProblemException e, WebRequest request) {
        return answer(e, e.problem(), request);
    }

    /**
     * Tomcat refuses a query string it cannot decode ({@code ?samples=%zz}) only when a parameter
     * is first read, which is inside Spring MVC. Its message quotes the value, so it is not used.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(InvalidParameterException e, WebRequest request) {
        return answer(
                e,
                ProblemType.INVALID_REQUEST,
                "The query string is not validly percent-encoded.",
                request);
    }

    /** Anything else is a bug of ours; the client gets a generic answer, the log the details. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error answering " + path(request), e);
        return answer(e, ProblemType.INTERNAL_ERROR, ProblemType.INTERNAL_ERROR_DETAIL, request);
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
                        ProblemType.MALFORMED_JSON,
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
                        ProblemType.INVALID_REQUEST,
                        "The query parameter " + name + " must be true or false.");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> answer(
            Exception e, ProblemType type, String detail, WebRequest request) {
        return answer(e, problem(type, detail), request);
    }

    private ResponseEntity<Object> answer(Exception e, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(
                e,
                problem,
                new HttpHeaders(),
                HttpStatusCode.valueOf(problem.getStatus()),
                request);
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
            problem.setType(ProblemType.BLANK);
        }
        if (problem.getTitle() == null) {
            problem.setTitle(ProblemType.title(statusCode.value()));
        }
        if (problem.getDetail() == null) {
            problem.setDetail(defaultDetail(e, statusCode.value()));
        }
        String path = path(request);
        if (problem.getInstance() == null && ProblemJson.isPrintablePath(path)) {
            problem.setInstance(URI.create(path));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, problem, problemHeaders, statusCode, request);
    }

    /** Details for Spring's own exceptions, which arrive without one. */
    private static String defaultDetail(Exception e, int status) {
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
            return "The request body must be sent with Content-Type: application/json, or as"
                    + " multipart/form-data with NumPy .npy parts.";
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return "This endpoint answers with application/json or application/x-npz (errors"
                    + " with application/problem+json); the Accept header allows none of them.";
        }
        return ProblemType.statusDetail(status);
    }

    /** The instance is filled in by {@link #handleExceptionInternal}. */
    private static ProblemDetail problem(ProblemType type, String detail) {
        return type.detail(detail, null);
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
