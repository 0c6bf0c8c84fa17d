package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import tools.jackson.databind.JsonNode;

/**
 * Compares a tensor of an answer with PyTorch's, nesting and numbers: the same array lengths at
 * every level, each number within {@code 1e-12 * |expected| + 1e-15}. Where the fixture holds a
 * value JSON cannot carry (PyTorch's NaN as null, an infinity as a string), the answer must hold
 * null, as the contract writes them.
 */
public final class NestedCloseness {

    private static final double RELATIVE = 1e-12;
    private static final double ABSOLUTE = 1e-15;

    private NestedCloseness() {}

    public static void assertClose(String what, JsonNode expected, JsonNode actual) {
        assertThat(actual).as("%s is present", what).isNotNull();
        if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s is an array: %s", what, actual).isTrue();
            assertThat(actual.size()).as("%s length", what).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertClose(what + "/" + i, expected.get(i), actual.get(i));
            }
        } else if (expected.isNull() || expected.isString()) {
            assertThat(actual.isNull()).as("%s is null: %s", what, actual).isTrue();
        } else {
            assertThat(actual.isNumber()).as("%s is a number: %s", what, actual).isTrue();
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            if (!(Math.abs(a - e) <= RELATIVE * Math.abs(e) + ABSOLUTE)) {
                fail("%s: expected %s but was %s", what, e, a);
            }
        }
    }
}
