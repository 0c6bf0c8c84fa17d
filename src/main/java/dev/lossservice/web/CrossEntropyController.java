package dev.lossservice.web;

import dev.lossservice.core.CrossEntropy;
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
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(
                                                        name = "seed",
                                                        summary =
                                                                "Class indices (loss"
                                                                        + " 2.0373472850337726)",
                                                        value = ApiExamples.CROSS_ENTROPY_SEED),
                                                @ExampleObject(
                                                        name = "probabilities",
                                                        summary = "Probability targets",
                                                        value =
                                                                ApiExamples
                                                                        .CROSS_ENTROPY_PROBABILITIES),
                                                @ExampleObject(
                                                        name = "labelSmoothing",
                                                        summary =
                                                                "Label smoothing, class weights,"
                                                                        + " an ignored sample",
                                                        value =
                                                                ApiExamples
                                                                        .CROSS_ENTROPY_LABEL_SMOOTHING)
                                            }))
                    @RequestBody
                    CrossEntropyRequest request,
            @Parameter(description = "false leaves samples out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean samples,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        CrossEntropy.Options options =
                new CrossEntropy.Options(
                        request.weight(),
                        request.ignoreIndex(),
                        request.labelSmoothing(),
                        request.reduction());
        CrossEntropy.Result result =
                request.target() != null
                        ? CrossEntropy.ofLogits(request.logits(), request.target(), options)
                        : CrossEntropy.ofLogits(
                                request.logits(), request.targetProbabilities(), options);
        return CrossEntropyResponse.of(result, request.target(), samples, gradient);
    }
}
