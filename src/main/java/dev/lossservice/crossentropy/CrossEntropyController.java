package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.Tensor;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/cross-entropy}: {@code torch.nn.CrossEntropyLoss}. */
@RestController
class CrossEntropyController {

    private final ExplainLimit explainLimit;

    CrossEntropyController(ExplainLimit explainLimit) {
        this.explainLimit = explainLimit;
    }

    @JsonPost("/loss/cross-entropy")
    CrossEntropyResponse crossEntropy(
            @Valid @RequestBody CrossEntropyRequest request, ResponseParts parts) {
        if (parts.explain()) {
            explainLimit.check("logits", request.logits());
        }
        Warnings warnings = Warnings.of(request);
        ClassInput input = ClassInput.of(request.logits());
        int[] target = request.target() == null ? null : request.target().values();
        if (target != null && !parts.samples() && !parts.gradient() && !parts.explain()) {
            // The loss alone: the core then makes neither probabilities nor gradient.
            return CrossEntropyResponse.lossOnly(
                    CrossEntropy.lossOfLogits(
                            request.logits().values(),
                            input.classShape(),
                            target,
                            request.options()),
                    input,
                    warnings);
        }
        Tensor upstream = request.upstreamGradient();
        double[] upstreamValues = upstream == null ? null : upstream.values();
        // An N x C input (classes last) takes version 1's row kernel inside the core, bit for bit.
        CrossEntropy.Positions result =
                target != null
                        ? CrossEntropy.ofLogits(
                                request.logits().values(),
                                input.classShape(),
                                target,
                                request.options(),
                                upstreamValues)
                        : CrossEntropy.ofLogits(
                                request.logits().values(),
                                input.classShape(),
                                request.targetProbabilities().values(),
                                request.options(),
                                upstreamValues);
        return new CrossEntropyResponse(
                result,
                input,
                target,
                parts,
                warnings,
                parts.explain() ? CrossEntropySteps.of(request, input, result) : null);
    }
}
