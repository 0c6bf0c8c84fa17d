package dev.lossservice.request;

/**
 * The rules between the fields of one kind of request (exactly one of two targets, shapes that
 * agree, indices in range), named on the request record by {@link CrossFieldRules} and checked by
 * Bean Validation with the record's other constraints.
 *
 * @param <R> the request record
 */
public interface RequestRules<R> {

    /** Reports each broken rule to {@code violations}, at the pointer of the place it concerns. */
    void check(R request, Violations violations);
}
