package dev.lossservice.tensor;

/**
 * What a {@link TensorShape} asks of a field, copied out of the annotation once: its methods are
 * reflective proxy calls, and the JSON reader, the NumPy reader and the validators check these
 * values for every number.
 *
 * @param values what every number must satisfy, besides being finite
 */
record ShapeRules(
        int minRank, int maxRank, boolean emptyBatch, boolean emptyDimensions, ValueRule values) {

    /** A tensor field with no annotation: any rank up to the limit, not empty, any number. */
    static final ShapeRules ANY_TENSOR =
            new ShapeRules(0, TensorShape.RANK_LIMIT, false, false, ValueRule.ANY);

    static ShapeRules of(TensorShape shape) {
        return new ShapeRules(
                shape.minRank(),
                shape.maxRank(),
                shape.emptyBatch(),
                shape.emptyDimensions(),
                shape.values());
    }

    /** Rank in range; no dimension 0, except the first of an empty batch where allowed. */
    boolean fits(int[] shape) {
        if (shape.length < minRank || shape.length > maxRank) {
            return false;
        }
        if (emptyBatch && shape.length > 0 && shape[0] == 0) {
            return true;
        }
        for (int dimension : shape) {
            if (dimension == 0) {
                return false;
            }
        }
        return true;
    }
}
