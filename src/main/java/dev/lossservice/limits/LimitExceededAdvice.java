package dev.lossservice.limits;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the limit exceptions thrown while a controller reads its request, also when a parser
 * wrapped them in its own exception: Spring matches an exception handler against the causes too,
 * and this advice comes before the general one so a {@code 413} is not reported as a malformed
 * body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LimitExceededAdvice {

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceeded(
            LimitExceededException e, HttpServletRequest request) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.detail());
        problem.setType(URI.create(LimitProblems.LIMIT_EXCEEDED_TYPE));
        problem.setTitle(LimitProblems.LIMIT_EXCEEDED_TITLE);
        problem.setInstance(instance(request));
        problem.setProperty("limit", e.limitName());
        problem.setProperty("limitValue", e.limit());
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(RequestDeadlineExceededException.class)
    ResponseEntity<ProblemDetail> deadlineExceeded(
            RequestDeadlineExceededException e, HttpServletRequest request) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, e.detail());
        problem.setType(URI.create("about:blank"));
        problem.setTitle(HttpStatus.REQUEST_TIMEOUT.getReasonPhrase());
        problem.setInstance(instance(request));
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
