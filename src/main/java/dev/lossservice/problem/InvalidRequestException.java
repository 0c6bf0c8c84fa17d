package dev.lossservice.problem;

import java.util.List;
import org.springframework.http.ProblemDetail;

/**
 * A request body that is well-formed JSON but breaks the API contract: a wrong type, shape or
 * value, a missing, unknown or duplicate field. Answered with 400 and the list of problems.
 */
public final class InvalidRequestException extends ProblemException {

    private final transient List<FieldProblem> problems;
    private final int total;

    /**
     * @param problems the problems kept, each with its JSON Pointer
     * @param total how many problems were found, which may exceed {@code problems.size()}
     */
    public InvalidRequestException(List<FieldProblem> problems, int total) {
        // The message never holds input: it may reach logs.
        super(total + " invalid field(s)");
        this.problems = problems;
        this.total = total;
    }

    /** A single problem at one pointer. */
    public static InvalidRequestException of(String pointer, String detail) {
        return new InvalidRequestException(List.of(new FieldProblem(pointer, detail)), 1);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public int total() {
        return total;
    }

    @Override
    ProblemDetail problem() {
        ProblemDetail problem =
                ProblemType.INVALID_REQUEST.detail(
                        total == 1
                                ? "The request has 1 invalid field; see errors."
                                : "The request has "
                                        + total
                                        + " invalid fields"
                                        + (total > problems.size()
                                                ? "; errors lists the first "
                                                        + problems.size()
                                                        + "."
                                                : "; see errors."),
                        null);
        problem.setProperty("errors", problems);
        return problem;
    }
}
