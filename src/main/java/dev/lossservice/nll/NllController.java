package dev.lossservice.nll;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.Reduction;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/nll}: {@code torch.nn.NLLLoss}. */
@RestController
class NllController {

    @JsonPost("/loss/nll")
    NllResponse nll(@Valid @RequestBody NllRequest request, ResponseParts parts) {
        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.compute(
                        request.logProbabilities().toMatrix(),
                        request.target(),
                        request.weight() == null ? null : request.weight().values(),
                        request.ignoreIndex() == null
                                ? CrossEntropy.DEFAULT_IGNORE_INDEX
                                : request.ignoreIndex(),
                        request.reduction() == null ? Reduction.MEAN : request.reduction());
        return NllResponse.of(result, request.target(), parts);
    }
}
