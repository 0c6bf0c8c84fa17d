package dev.lossservice.softmax;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import dev.lossservice.request.JsonPost;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /softmax}: row-wise softmax with a temperature, and its backward pass. */
@RestController
class SoftmaxController {

    @JsonPost("/softmax")
    SoftmaxResponse softmax(
            @Valid @RequestBody SoftmaxRequest request,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        Softmax.Result result =
                Softmax.ofLogits(request.logits().toMatrix(), request.temperatureOrDefault());
        Matrix vjp =
                gradient && request.upstreamGradient() != null
                        ? Softmax.vectorJacobianProduct(
                                result.probabilities(),
                                request.upstreamGradient().toMatrix(),
                                request.temperatureOrDefault())
                        : null;
        return SoftmaxResponse.of(result, vjp);
    }
}
