package dev.lossservice.limits;

import dev.lossservice.ops.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Renders limit exceptions as problem details; shared with the controller advice. */
final class LimitProblems {

    /** The type of every problem that reports a crossed {@code loss-service.limits} limit. */
    static final String LIMIT_EXCEEDED_TYPE = "urn:loss-service:problem:limit-exceeded";

    static final String LIMIT_EXCEEDED_TITLE = "Limit exceeded";

    private LimitProblems() {}

    static Map<String, Object> members(LimitExceededException e, String instance) {
        Map<String, Object> members =
                ProblemJson.problem(
                        LIMIT_EXCEEDED_TYPE,
                        LIMIT_EXCEEDED_TITLE,
                        HttpStatus.CONTENT_TOO_LARGE.value(),
                        e.detail(),
                        instance);
        members.put("limit", e.limitName());
        members.put("limitValue", e.limit());
        return members;
    }

    static Map<String, Object> members(RequestDeadlineExceededException e, String instance) {
        return ProblemJson.problem(HttpStatus.REQUEST_TIMEOUT.value(), e.detail(), instance);
    }

    static void write(
            HttpServletRequest request, HttpServletResponse response, LimitExceededException e)
            throws IOException {
        ProblemJson.write(
                response,
                HttpStatus.CONTENT_TOO_LARGE.value(),
                members(e, request.getRequestURI()));
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
                ProblemJson.write(
                        response,
                        HttpStatus.REQUEST_TIMEOUT.value(),
                        members(timeout, request.getRequestURI()));
                return true;
            }
        }
        return false;
    }
}
