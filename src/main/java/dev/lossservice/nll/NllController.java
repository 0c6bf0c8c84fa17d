package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/nll}: {@code torch.nn.NLLLoss}. */
@RestController
class NllController {

    private final ExplainLimit explainLimit;

    NllController(ExplainLimit explainLimit) {
        this.explainLimit = explainLimit;
    }

    @JsonPost("/loss/nll")
    NllResponse nll(@Valid @RequestBody NllRequest request, ResponseParts parts) {
        if (parts.explain()) {
            explainLimit.check("logProbabilities", request.logProbabilities());
        }
        Warnings warnings = Warnings.of(request);
        ClassInput input = ClassInput.of(request.logProbabilities());
        int[] target = request.target().values();
        if (input.isMatrix() && !input.empty() && request.upstreamGradient() == null) {
            // Version 1's kernel: the compact gradient, answered exactly as before.
            NegativeLogLikelihood.Result result =
                    NegativeLogLikelihood.ofLogProbabilities(
                            request.logProbabilities().toMatrix(), target, request.options());
            List<Step> steps = parts.explain() ? NllSteps.of(request, input, result) : null;
            return NllResponse.of(result, input, target, parts, warnings, steps);
        }
        NegativeLogLikelihood.Positions result =
                NegativeLogLikelihood.ofLogProbabilities(
                        request.logProbabilities().values(),
                        input.classShape(),
                        target,
                        request.options(),
                        request.upstreamGradient() == null
                                ? null
                                : request.upstreamGradient().values());
        List<Step> steps = parts.explain() ? NllSteps.of(request, input, result) : null;
        return NllResponse.of(result, input, target, parts, warnings, steps);
    }
}
