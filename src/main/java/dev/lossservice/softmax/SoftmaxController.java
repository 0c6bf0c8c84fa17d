package dev.lossservice.softmax;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /softmax}: row-wise softmax with a temperature, and its backward pass. */
@RestController
class SoftmaxController {

    private final ExplainLimit explainLimit;

    SoftmaxController(ExplainLimit explainLimit) {
        this.explainLimit = explainLimit;
    }

    @JsonPost("/softmax")
    SoftmaxResponse softmax(
            @Valid @RequestBody SoftmaxRequest request,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient,
            @Parameter(description = ResponseParts.EXPLAIN_DESCRIPTION)
                    @RequestParam(defaultValue = "false")
                    boolean explain) {
        if (explain) {
            explainLimit.check("logits", request.logits());
        }
        Softmax.Result result =
                Softmax.ofLogits(request.logits().toMatrix(), request.temperatureOrDefault());
        // The steps show the backward pass even when the answer leaves the gradient out.
        Matrix vjp =
                (gradient || explain) && request.upstreamGradient() != null
                        ? Softmax.vectorJacobianProduct(
                                result.probabilities(),
                                request.upstreamGradient().toMatrix(),
                                request.temperatureOrDefault())
                        : null;
        return SoftmaxResponse.of(
                result,
                gradient ? vjp : null,
                explain ? SoftmaxSteps.of(request, result, vjp) : null);
    }
}
