package dev.lossservice.tensor;

/** What each number of a tensor must satisfy besides being finite. */
public enum ValueRule {
    ANY(""),
    UNIT_INTERVAL("must be in [0, 1]"),
    NON_NEGATIVE("must be >= 0");

    private final String detail;

    ValueRule(String detail) {
        this.detail = detail;
    }

    /** NaN-safe: NaN is accepted by {@link #ANY} only, and finiteness is checked elsewhere. */
    public boolean accepts(double value) {
        return switch (this) {
            case ANY -> true;
            case UNIT_INTERVAL -> value >= 0 && value <= 1;
            case NON_NEGATIVE -> value >= 0;
        };
    }

    /** What a client is told about a number that breaks this rule. */
    public String detail() {
        return detail;
    }
}
