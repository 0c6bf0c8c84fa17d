package dev.lossservice.web;

import dev.lossservice.core.NegativeLogLikelihood;
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

/** {@code POST /loss/nll}: {@code torch.nn.NLLLoss}. */
@RestController
@Tag(name = "losses")
class NllController {

    @PostMapping(
            path = "/loss/nll",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Negative log-likelihood of class indices under given log-probabilities",
            description =
                    "torch.nn.NLLLoss in double precision, with each sample's loss and the"
                            + " gradient with respect to the log-probabilities.")
    NllResponse nll(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "nll",
                                                            summary = "Class weights",
                                                            value = ApiExamples.NLL)))
                    @RequestBody
                    NllRequest request,
            @Parameter(description = "false leaves samples out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean samples,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(
                        request.logProbabilities(),
                        request.target(),
                        new NegativeLogLikelihood.Options(
                                request.weight(), request.ignoreIndex(), request.reduction()));
        return NllResponse.of(result, request.target(), samples, gradient);
    }
}
