package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/bce}: {@code torch.nn.BCELoss} and {@code torch.nn.BCEWithLogitsLoss}. */
@RestController
class BceController {

    @JsonPost("/loss/bce")
    BceResponse bce(@Valid @RequestBody BceRequest request, ResponseParts parts) {
        Matrix input = request.input().toMatrix();
        double[] weight = request.weight() == null ? null : request.weight().values();
        Reduction reduction = request.reduction() == null ? Reduction.MEAN : request.reduction();
        BinaryCrossEntropy.Result result =
                request.logits() != null
                        ? BinaryCrossEntropy.onLogits(
                                input,
                                request.targetMatrix(),
                                weight,
                                request.posWeight() == null ? null : request.posWeight().values(),
                                reduction)
                        : BinaryCrossEntropy.onProbabilities(
                                input, request.targetMatrix(), weight, reduction);
        return BceResponse.of(result, request.input().rank(), parts);
    }
}
