package dev.lossservice.limits;

import dev.lossservice.problem.ProblemJson;
import dev.lossservice.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Renders limit exceptions as problem details; shared with the controller advice. */
final class LimitProblems {

    private LimitProblems() {}

    /** The 408 problem for a request past its deadline. */
    static ProblemDetail problem(RequestDeadlineExceededException e, String instance) {
        return ProblemType.ofStatus(HttpStatus.REQUEST_TIMEOUT.value(), e.detail(), instance);
    }

    static void write(
            HttpServletRequest request, HttpServletResponse response, LimitExceededException e)
            throws IOException {
        ProblemJson.write(response, e.problem(request.getRequestURI()));
    }

    /**
     * Answers {@code e} if a limit exception is in its cause chain and the response can still be
     * written.
     *
     * @return whether the exception was answered
     */
    static boolean writeIfLimit(
            HttpServletRequest request, HttpServletResponse response, Throwable e)
            throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitExceededException limit) {
                write(request, response, limit);
                return true;
            }
            if (t instanceof RequestDeadlineExceededException timeout) {
                ProblemJson.write(response, problem(timeout, request.getRequestURI()));
                return true;
            }
        }
        return false;
    }
}
