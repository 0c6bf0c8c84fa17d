package dev.lossservice.loss;

import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Steps;

/** The explain step every loss ends its reduction with, after {@code lossSum}. */
public final class LossSteps {

    private LossSteps() {}

    /**
     * Adds the step {@code loss}: {@code lossSum / denominator} for mean, {@code lossSum} itself
     * otherwise; no step where the loss is undefined (the answer's {@code loss} is null there).
     */
    public static void addLoss(Steps steps, ReducedLoss loss) {
        if (loss.isDefined()) {
            // The formula and the NumPy expression read the same here.
            String expression =
                    loss.reduction() == Reduction.MEAN ? "lossSum / denominator" : "lossSum";
            steps.add("loss", expression, expression, loss.value());
        }
    }
}
