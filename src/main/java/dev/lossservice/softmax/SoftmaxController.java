package dev.lossservice.softmax;

import dev.lossservice.core.Softmax;
import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /softmax}: softmax along a dim with a temperature, and its backward pass. */
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
        Tensor logits = request.logits();
        int[] shape = logits.shape();
        int dim = request.dimOrDefault();
        double temperature = request.temperatureOrDefault();
        Softmax.AlongDim result = Softmax.ofLogits(logits.values(), shape, dim, temperature);
        // The steps show the backward pass even when the answer leaves the gradient out.
        double[] vjp = null;
        Tensor upstream = request.upstream();
        if ((gradient || explain) && upstream != null) {
            double[] p = result.probabilities();
            double[] g = upstream.values();
            vjp =
                    request.upstreamGradient() != null
                            ? Softmax.vectorJacobianProduct(p, g, shape, dim, temperature)
                            : Softmax.logVectorJacobianProduct(p, g, shape, dim, temperature);
        }
        return SoftmaxResponse.of(
                result,
                gradient ? vjp : null,
                explain ? SoftmaxSteps.of(request, result, vjp) : null);
    }
}
