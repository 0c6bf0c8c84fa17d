package dev.lossservice.problem;

/**
 * One problem with one part of a request body, as it appears in the {@code errors} array of a
 * problem detail.
 *
 * @param pointer JSON Pointer (RFC 6901) into the request body, for example {@code /logits/0/2};
 *     empty for the body as a whole
 * @param detail what is wrong there, in words a client can act on
 */
public record FieldProblem(String pointer, String detail) {}
