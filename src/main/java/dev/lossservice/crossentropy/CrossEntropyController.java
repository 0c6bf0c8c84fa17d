package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/cross-entropy}: {@code torch.nn.CrossEntropyLoss}. */
@RestController
@Tag(name = "losses")
class CrossEntropyController {

    @PostMapping(
            path = "/loss/cross-entropy",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Cross-entropy of softmax(logits) against class indices or probabilities",
            description =
                    "torch.nn.CrossEntropyLoss in double precision, with each sample's loss and"
                            + " the gradient with respect to the logits.")
    CrossEntropyResponse crossEntropy(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "cross-entropy-seed",
                                                        ref = "cross-entropy-seed"),
                                                @ExampleObject(
                                                        name = "cross-entropy-probabilities",
                                                        ref = "cross-entropy-probabilities"),
                                                @ExampleObject(
                                                        name = "cross-entropy-label-smoothing",
                                                        ref = "cross-entropy-label-smoothing")
                                            }))
                    @Valid
                    @RequestBody
                    CrossEntropyRequest request,
            @Parameter(description = "false leaves samples out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean samples,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        CrossEntropy.Result result =
                request.target() != null
                        ? CrossEntropy.withClassIndices(
                                request.logits().toMatrix(), request.target(), request.options())
                        : CrossEntropy.withProbabilities(
                                request.logits().toMatrix(),
                                request.targetProbabilities().toMatrix(),
                                request.options());
        return CrossEntropyResponse.of(result, request.target(), samples, gradient);
    }
}
