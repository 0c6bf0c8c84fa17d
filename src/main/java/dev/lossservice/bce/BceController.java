package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.Tensor;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/bce}: {@code torch.nn.BCELoss} and {@code torch.nn.BCEWithLogitsLoss}. */
@RestController
class BceController {

    private final ExplainLimit explainLimit;

    BceController(ExplainLimit explainLimit) {
        this.explainLimit = explainLimit;
    }

    @JsonPost("/loss/bce")
    BceResponse bce(@Valid @RequestBody BceRequest request, ResponseParts parts) {
        if (parts.explain()) {
            explainLimit.check(
                    request.logits() != null ? "logits" : "probabilities", request.input());
        }
        Tensor input = request.input();
        BinaryCrossEntropy.Result result =
                request.logits() != null
                        ? BinaryCrossEntropy.ofLogits(
                                input.values(),
                                request.targetValues(),
                                input.shape(),
                                request.options())
                        : BinaryCrossEntropy.ofProbabilities(
                                input.values(),
                                request.targetValues(),
                                input.shape(),
                                request.options());
        Tensor upstream = request.upstreamGradient();
        Matrix gradient =
                upstream == null || !parts.gradient()
                        ? result.gradient()
                        : BinaryCrossEntropy.vectorJacobianProduct(result, upstream.values());
        return BceResponse.of(
                result,
                gradient,
                input.shape(),
                request.logits() != null ? BceMode.LOGITS : BceMode.PROBABILITIES,
                parts,
                Warnings.of(request),
                parts.explain() ? BceSteps.of(request, result, gradient) : null);
    }
}
