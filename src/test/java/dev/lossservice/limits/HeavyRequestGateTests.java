package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class HeavyRequestGateTests {

    private final HeavyRequestGate gate =
            new HeavyRequestGate(1, 1000, Duration.ZERO, Duration.ofMillis(1500));

    @Test
    void smallDeclaredBodyIsLightAndChunkedBodyIsHeavy() {
        assertThat(gate.isHeavy(request(999))).isFalse();
        assertThat(gate.isHeavy(request(1000))).isTrue();
        MockHttpServletRequest chunked = request(-1);
        chunked.addHeader("Transfer-Encoding", "chunked");
        assertThat(gate.isHeavy(chunked)).isTrue();
        assertThat(gate.isHeavy(request(-1))).as("no body at all").isFalse();
    }

    @Test
    void heavyRequestWhileThePermitIsTakenIsRefusedWithRetryAfterRoundedUp() throws Exception {
        MockHttpServletResponse inner = new MockHttpServletResponse();
        AtomicInteger innerStatus = new AtomicInteger();
        FilterChain holdsPermitAndTriesAgain =
                (req, res) -> {
                    MockHttpServletResponse refused = new MockHttpServletResponse();
                    gate.doFilter(request(5000), refused, (r, s) -> {});
                    innerStatus.set(refused.getStatus());
                    assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
                    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
                    assertThat(refused.getContentAsString())
                            .contains("\"limitValue\":1", "\"status\":503");
                    assertThat(gate.active()).isEqualTo(1);
                };

        gate.doFilter(request(5000), inner, holdsPermitAndTriesAgain);

        assertThat(innerStatus.get()).isEqualTo(503);
        assertThat(gate.rejected()).isEqualTo(1);
        assertThat(gate.active()).isZero();
    }

    @Test
    void lightRequestPassesWhileThePermitIsTaken() throws Exception {
        AtomicInteger lightCalls = new AtomicInteger();
        gate.doFilter(
                request(5000),
                new MockHttpServletResponse(),
                (req, res) ->
                        gate.doFilter(
                                request(10),
                                new MockHttpServletResponse(),
                                (r, s) -> lightCalls.incrementAndGet()));

        assertThat(lightCalls.get()).isEqualTo(1);
        assertThat(gate.rejected()).isZero();
    }

    @Test
    void permitIsGivenBackWhenTheRequestFails() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () ->
                                gate.doFilter(
                                        request(5000),
                                        new MockHttpServletResponse(),
                                        (req, res) -> {
                                            throw new IllegalStateException("boom");
                                        }));

        assertThat(gate.active()).isZero();
    }

    private static MockHttpServletRequest request(long contentLength) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/loss/nll");
        if (contentLength >= 0) {
            request.setContent(new byte[(int) contentLength]);
        }
        return request;
    }
}
