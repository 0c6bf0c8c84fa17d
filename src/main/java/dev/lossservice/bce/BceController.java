package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
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
        Matrix input = request.input().toMatrix();
        BinaryCrossEntropy.Result result =
                request.logits() != null
                        ? BinaryCrossEntropy.ofLogits(
                                input, request.targetMatrix(), request.options())
                        : BinaryCrossEntropy.ofProbabilities(
                                input, request.targetMatrix(), request.options());
        return BceResponse.of(
                result,
                request.input().rank(),
                parts,
                parts.explain() ? BceSteps.of(request, result) : null);
    }
}
