package dev.lossservice.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found while reading one request body, so that a client learns about several
 * mistakes in one round trip. Only the first {@code limit} are kept: a body with a million strings
 * where numbers belong should not produce a million-entry answer.
 */
final class FieldProblems {

    private final int limit;
    private final List<FieldProblem> kept = new ArrayList<>();
    private int count;

    FieldProblems(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    void add(String pointer, String detail) {
        count++;
        if (kept.size() < limit) {
            kept.add(new FieldProblem(pointer, detail));
        }
    }

    /** All problems found so far, including those beyond the limit that were not kept. */
    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /**
     * @throws InvalidRequestException if any problem was found
     */
    void throwIfAny() {
        if (count > 0) {
            throw new InvalidRequestException(List.copyOf(kept), count);
        }
    }
}
