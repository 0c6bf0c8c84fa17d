package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.JsonPost;
import dev.lossservice.request.ResponseParts;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /loss/cross-entropy}: {@code torch.nn.CrossEntropyLoss}. */
@RestController
class CrossEntropyController {

    @JsonPost("/loss/cross-entropy")
    CrossEntropyResponse crossEntropy(
            @Valid @RequestBody CrossEntropyRequest request, ResponseParts parts) {
        CrossEntropy.Result result =
                request.target() != null
                        ? CrossEntropy.ofLogits(
                                request.logits().toMatrix(), request.target(), request.options())
                        : CrossEntropy.ofLogits(
                                request.logits().toMatrix(),
                                request.targetProbabilities().toMatrix(),
                                request.options());
        return CrossEntropyResponse.of(result, request.target(), parts, Warnings.of(request));
    }
}
