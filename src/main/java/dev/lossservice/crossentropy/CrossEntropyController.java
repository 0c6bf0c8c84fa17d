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
        CrossEntropy.Positions result =
                request.fitsRowKernel(input)
                        ? rowKernel(request, target)
                        : classStridedKernel(request, input, target);
        return new CrossEntropyResponse(
                result,
                input,
                target,
                parts,
                warnings,
                parts.explain() ? CrossEntropySteps.of(request, input, result) : null);
    }

    /**
     * Version 1's kernel, answered exactly as before. Its matrices are {@code N x C}, laid out as
     * the input, so its result reads as positions without a copy.
     */
    private static CrossEntropy.Positions rowKernel(CrossEntropyRequest request, int[] target) {
        CrossEntropy.Result result =
                target != null
                        ? CrossEntropy.ofLogits(
                                request.logits().toMatrix(), target, request.options())
                        : CrossEntropy.ofLogits(
                                request.logits().toMatrix(),
                                request.targetProbabilities().toMatrix(),
                                request.options());
        return new CrossEntropy.Positions(
                result.loss(),
                result.sampleLosses(),
                result.sampleWeights(),
                result.ignored(),
                result.probabilities().values(),
                result.predictedClass(),
                result.gradient().values());
    }

    private static CrossEntropy.Positions classStridedKernel(
            CrossEntropyRequest request, ClassInput input, int[] target) {
        Tensor upstream = request.upstreamGradient();
        double[] upstreamValues = upstream == null ? null : upstream.values();
        return target != null
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
    }
}
