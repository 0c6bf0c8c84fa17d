package dev.lossservice.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found while reading one request body, so that a client learns about several
 * mistakes in one round trip. Only the first {@code limit} are kept: a body with a million strings
 * where numbers belong should not produce a million-entry answer.
 */
public final class FieldProblems {

    /** Longest member name quoted back in a pointer; longer names are cut, never echoed whole. */
    private static final int MAX_QUOTED_NAME = 64;

    private final int limit;
    private final List<FieldProblem> kept = new ArrayList<>();
    private int count;

    public FieldProblems(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    public void add(String pointer, String detail) {
        count++;
        if (kept.size() < limit) {
            kept.add(new FieldProblem(pointer, detail));
        }
    }

    /**
     * Whether a problem was found at {@code pointer} or below it: a field whose value could not be
     * read is not checked again against the other fields.
     */
    public boolean hasProblemAt(String pointer) {
        for (FieldProblem problem : kept) {
            String at = problem.pointer();
            if (at.equals(pointer) || at.startsWith(pointer + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON Pointer (RFC 6901) of a member of the body, cut to a length that cannot echo much of
     * the input: the name may be anything a client sent.
     */
    public static String pointerTo(String name) {
        String quoted =
                name.length() > MAX_QUOTED_NAME ? name.substring(0, MAX_QUOTED_NAME) + "..." : name;
        return "/" + quoted.replace("~", "~0").replace("/", "~1");
    }

    /** All problems found so far, including those beyond the limit that were not kept. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * @throws InvalidRequestException if any problem was found
     */
    public void throwIfAny() {
        if (count > 0) {
            throw toException();
        }
    }

    /** The problems found so far as the exception that answers them. */
    public InvalidRequestException toException() {
        return new InvalidRequestException(List.copyOf(kept), count);
    }
}
