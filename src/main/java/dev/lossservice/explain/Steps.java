package dev.lossservice.explain;

import dev.lossservice.core.Matrix;
import dev.lossservice.problem.NonFiniteResultException;
import dev.lossservice.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps of one explained answer, in order. Each value must be finite, as every number of an
 * answer: a step whose value is not (an intermediate that overflows for huge finite inputs) is
 * refused with 422, as any other overflowing result.
 */
public final class Steps {

    private final List<Step> steps = new ArrayList<>();

    /**
     * Appends a step.
     *
     * @throws NonFiniteResultException if a value is not finite
     */
    public Steps add(String name, String formula, String numpy, Tensor value) {
        for (double v : value.values()) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteResultException("steps[" + name + "]");
            }
        }
        steps.add(new Step(name, formula, numpy, value));
        return this;
    }

    /** Appends a step whose value is a matrix. */
    public Steps add(String name, String formula, String numpy, Matrix value) {
        return add(name, formula, numpy, Tensor.of(value));
    }

    /** Appends a step whose value is one number. */
    public Steps add(String name, String formula, String numpy, double value) {
        return add(name, formula, numpy, scalar(value));
    }

    /** Appends a step whose value is a vector. */
    public Steps add(String name, String formula, String numpy, double[] value) {
        return add(name, formula, numpy, Tensor.vector(value));
    }

    /** The steps so far, read-only. */
    public List<Step> list() {
        return Collections.unmodifiableList(steps);
    }

    /** A rank-0 tensor: written as a bare number. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    /** An N x 1 column, as NumPy's {@code keepdims=True} leaves a row reduction. */
    public static Tensor column(double[] values) {
        return new Tensor(values, new int[] {values.length, 1});
    }
}
