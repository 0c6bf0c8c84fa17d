package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /softmax}: row-wise softmax with a temperature, and its backward pass. */
@RestController
@Tag(name = "softmax")
class SoftmaxController {

    @PostMapping(
            path = "/softmax",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Softmax, log-softmax and log-sum-exp of logits / temperature",
            description =
                    "With upstreamGradient g, also the vector-Jacobian product that"
                            + " probabilities.backward(g) puts in logits.grad.")
    SoftmaxResponse softmax(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "temperature",
                                                            summary =
                                                                    "Temperature 2 with an upstream"
                                                                            + " gradient",
                                                            value = ApiExamples.SOFTMAX)))
                    @RequestBody
                    SoftmaxRequest request,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        Softmax.Result result = Softmax.ofLogits(request.logits(), request.temperature());
        Matrix vjp =
                gradient && request.upstreamGradient() != null
                        ? Softmax.vectorJacobianProduct(
                                result.probabilities(),
                                request.upstreamGradient(),
                                request.temperature())
                        : null;
        return SoftmaxResponse.of(result, vjp);
    }
}
