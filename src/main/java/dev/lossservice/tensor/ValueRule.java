package dev.lossservice.tensor;

/** What each number of a tensor must satisfy besides being finite. */
public enum ValueRule {
    ANY("", ""),
    UNIT_INTERVAL(
            "must be in [0, 1]",
            "is outside [0, 1] (the first such value): PyTorch accepts it and computes with it"
                    + " as given, so the loss can be negative and has no meaning as a"
                    + " probability"),
    NON_NEGATIVE(
            "must be >= 0",
            "is negative (the first such value): PyTorch accepts negative weights and computes"
                    + " with them, so the loss, and the denominator of mean, can be negative or"
                    + " 0");

    private final String detail;
    private final String warning;

    ValueRule(String detail, String warning) {
        this.detail = detail;
        this.warning = warning;
    }

    /** NaN-safe: NaN is accepted by {@link #ANY} only, and finiteness is checked elsewhere. */
    public boolean accepts(double value) {
        return switch (this) {
            case ANY -> true;
            case UNIT_INTERVAL -> value >= 0 && value <= 1;
            case NON_NEGATIVE -> value >= 0;
        };
    }

    /**
     * What a client is warned of where a number breaks this rule but is accepted, as PyTorch
     * accepts it ({@link TensorShape#warnUnless()}).
     */
    public String warning() {
        return warning;
    }

    /** What a client is told about a number that breaks this rule. */
    public String detail() {
        return detail;
    }
}
