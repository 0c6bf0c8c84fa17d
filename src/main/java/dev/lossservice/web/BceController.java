package dev.lossservice.web;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
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
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(
                                                        name = "probabilities",
                                                        summary = "BCELoss on a 1-D batch",
                                                        value = ApiExamples.BCE_PROBABILITIES),
                                                @ExampleObject(
                                                        name = "logits",
                                                        summary =
                                                                "BCEWithLogitsLoss with posWeight",
                                                        value = ApiExamples.BCE_LOGITS),
                                                @ExampleObject(
                                                        name = "sigmoidMultiClass",
                                                        summary =
                                                                "Sigmoid multi-class recipe:"
                                                                        + " targetClasses one-hot"
                                                                        + " encoded",
                                                        value = ApiExamples.BCE_SIGMOID_MULTI_CLASS)
                                            }))
                    @RequestBody
                    BceRequest request,
            @Parameter(description = "false leaves samples out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean samples,
            @Parameter(description = "false leaves gradient out of the response")
                    @RequestParam(defaultValue = "true")
                    boolean gradient) {
        boolean onLogits = request.logits() != null;
        Tensor input = onLogits ? request.logits() : request.probabilities();
        Matrix inputMatrix = input.toMatrix();
        Matrix target =
                request.target() != null
                        ? request.target().toMatrix()
                        : oneHot(request.targetClasses(), inputMatrix.columns());
        double[] weight = request.weight() == null ? null : request.weight().values();
        BinaryCrossEntropy.Result result =
                onLogits
                        ? BinaryCrossEntropy.ofLogits(
                                inputMatrix,
                                target,
                                new BinaryCrossEntropy.Options(
                                        weight, request.posWeight(), request.reduction()))
                        : BinaryCrossEntropy.ofProbabilities(
                                inputMatrix,
                                target,
                                new BinaryCrossEntropy.Options(weight, null, request.reduction()));
        return BceResponse.of(result, input.rank(), samples, gradient);
    }

    /** Row n is 1 at column {@code classes[n]} and 0 elsewhere. */
    private static Matrix oneHot(int[] classes, int columns) {
        Matrix target = Matrix.zeros(classes.length, columns);
        for (int n = 0; n < classes.length; n++) {
            target.values()[n * columns + classes[n]] = 1.0;
        }
        return target;
    }
}
