package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
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

/** {@code POST /loss/bce}: {@code torch.nn.BCELoss} and {@code torch.nn.BCEWithLogitsLoss}. */
@RestController
@Tag(name = "losses")
class BceController {

    @PostMapping(
            path = "/loss/bce",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Binary cross-entropy on probabilities or on logits",
            description =
                    "torch.nn.BCELoss (probabilities) or torch.nn.BCEWithLogitsLoss (logits) in"
                            + " double precision, with each sample's loss and the gradient with"
                            + " respect to the input that was sent.")
    BceResponse bce(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "bce-probabilities",
                                                        ref = "bce-probabilities"),
                                                @ExampleObject(
                                                        name = "bce-logits",
                                                        ref = "bce-logits"),
                                                @ExampleObject(
                                                        name = "bce-logits-1d",
                                                        ref = "bce-logits-1d"),
                                                @ExampleObject(
                                                        name = "bce-sigmoid-multi-class",
                                                        ref = "bce-sigmoid-multi-class")
                                            }))
                    @Valid
                    @RequestBody
                    BceRequest request,
            @Parameter(description = "false leaves samples out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean samples,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        Matrix input = request.input().toMatrix();
        double[] weight = request.weight() == null ? null : request.weight().values();
        Reduction reduction = request.reduction() == null ? Reduction.MEAN : request.reduction();
        BinaryCrossEntropy.Result result =
                request.logits() != null
                        ? BinaryCrossEntropy.onLogits(
                                input,
                                request.targetMatrix(),
                                weight,
                                request.posWeight() == null ? null : request.posWeight().values(),
                                reduction)
                        : BinaryCrossEntropy.onProbabilities(
                                input, request.targetMatrix(), weight, reduction);
        return BceResponse.of(result, request.input().rank(), samples, gradient);
    }
}
