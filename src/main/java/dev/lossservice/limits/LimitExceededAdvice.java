package dev.lossservice.limits;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
        return answer(e.problem(request.getRequestURI()));
    }

    @ExceptionHandler(RequestDeadlineExceededException.class)
    ResponseEntity<ProblemDetail> deadlineExceeded(
            RequestDeadlineExceededException e, HttpServletRequest request) {
        return answer(LimitProblems.problem(e, request.getRequestURI()));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
