package dev.lossservice.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch ({@code /error}) with a problem detail, in place
 * of Boot's default JSON: errors raised outside Spring MVC (a filter rejecting a request, say) get
 * the same shape as every other error. A client that asks for {@code /error} itself gets a 404, not
 * the 500 Boot would give.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status =
                code instanceof Integer value && HttpStatus.resolve(value) != null
                        ? HttpStatus.valueOf(value)
                        : HttpStatus.NOT_FOUND;
        if (!status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(ProblemDetailsAdvice.BLANK);
        problem.setTitle(status.getReasonPhrase());
        // Never the exception or its message: they may quote the input.
        problem.setDetail(
                switch (status) {
                    case NOT_FOUND ->
                            "There is no endpoint at this path. The endpoints are POST"
                                    + " /loss/cross-entropy, POST /loss/nll, POST /loss/bce and"
                                    + " POST /softmax.";
                    case CONTENT_TOO_LARGE -> "The request is too large.";
                    case INTERNAL_SERVER_ERROR ->
                            "The service failed to answer this request. This is a bug; the"
                                    + " service log holds the details.";
                    default -> status.getReasonPhrase() + ".";
                });
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            problem.setInstance(URI.create(path instanceof String p ? p : request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // Leave instance out rather than fail while answering an error.
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
