package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.loss.Warnings;
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
                NegativeLogLikelihood.ofLogProbabilities(
                        request.logProbabilities().toMatrix(), request.target(), request.options());
        return NllResponse.of(result, request.target(), parts, Warnings.of(request));
    }
}
