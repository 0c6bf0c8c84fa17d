package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

class ElementLimitsTests {

    private final ElementLimits limits = new ElementLimits(10, 25);

    @Test
    void countsUpToTheLimitPass() {
        assertThatNoException().isThrownBy(() -> limits.checkTensor("/logits", 10));
        assertThatNoException().isThrownBy(() -> limits.checkRequest(25));
    }

    @Test
    void oneNumberOverTheTensorLimitNamesTheArrayAndTheLimit() {
        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(() -> limits.checkTensor("/logits", 11))
                .satisfies(
                        e -> {
                            assertThat(e.limitName()).isEqualTo("max-tensor-elements");
                            assertThat(e.limit()).isEqualTo(10);
                        })
                .withMessage(
                        "The array /logits holds more than 10 numbers, the limit"
                                + " max-tensor-elements; split the batch into smaller requests.");
    }

    @Test
    void oneNumberOverTheRequestLimitNamesTheLimit() {
        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(() -> limits.checkRequest(26))
                .withMessage(
                        "The request holds more than 25 numbers, the limit max-request-elements;"
                                + " split the batch into smaller requests.");
    }

    @Test
    void limitsBelowOneAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ElementLimits(0, 1))
                .withMessage("element limits must be >= 1, got 0 and 1");
    }
}
