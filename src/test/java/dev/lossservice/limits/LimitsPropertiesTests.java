package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class LimitsPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LimitsProperties.class)
    static class Config {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsHoldAFullPrecision1024By1000BatchAndStayUnder64MiB() {
        runner.run(
                context -> {
                    LimitsProperties limits = context.getBean(LimitsProperties.class);
                    // 1024 x 1000 doubles at full precision: up to 24 characters each plus a
                    // comma, e.g. "-1.2345678901234567E-300,".
                    long batchJson = 1024L * 1000 * 25;
                    assertThat(limits.maxRequestBody().toBytes())
                            .isGreaterThan(batchJson)
                            .isLessThanOrEqualTo(DataSize.ofMegabytes(64).toBytes());
                    assertThat(limits.maxTensorElements()).isGreaterThanOrEqualTo(1024L * 1000);
                    assertThat(limits.maxRequestElements())
                            .isGreaterThanOrEqualTo(3L * 1024 * 1000);
                    assertThat(limits.effectiveMaxConcurrentHeavyRequests())
                            .isEqualTo(Runtime.getRuntime().availableProcessors());
                });
    }

    @Test
    void bodiesUpToFourTimesTheBodyLimitAreDrainedForAtMostThirtySecondsByDefault() {
        runner.run(
                context -> {
                    LimitsProperties limits = context.getBean(LimitsProperties.class);
                    assertThat(limits.effectiveMaxDrainedBody())
                            .isEqualTo(4 * limits.maxRequestBody().toBytes());
                    assertThat(limits.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void drainBoundFollowsTheBodyLimitUnlessSetItself() {
        runner.withPropertyValues("loss-service.limits.max-request-body=1MB")
                .run(
                        context ->
                                assertThat(
                                                context.getBean(LimitsProperties.class)
                                                        .effectiveMaxDrainedBody())
                                        .isEqualTo(DataSize.ofMegabytes(4).toBytes()));
        runner.withPropertyValues(
                        "loss-service.limits.max-request-body=1MB",
                        "loss-service.limits.max-drained-body=10MB",
                        "loss-service.limits.drain-timeout=5s")
                .run(
                        context -> {
                            LimitsProperties limits = context.getBean(LimitsProperties.class);
                            assertThat(limits.effectiveMaxDrainedBody())
                                    .isEqualTo(DataSize.ofMegabytes(10).toBytes());
                            assertThat(limits.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
                        });
    }

    @Test
    void negativeDrainTimeoutIsRejectedWithItsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new LimitsProperties(
                                        DataSize.ofBytes(1),
                                        1,
                                        1,
                                        0,
                                        DataSize.ofKilobytes(1),
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        DataSize.ofBytes(0),
                                        Duration.ofSeconds(-1),
                                        10000))
                .withMessage("drain-timeout must be >= 0, got PT-1S");
    }

    @Test
    void propertiesBindFromTheirKebabCaseNames() {
        runner.withPropertyValues(
                        "loss-service.limits.max-request-body=1MB",
                        "loss-service.limits.max-tensor-elements=10",
                        "loss-service.limits.max-request-elements=20",
                        "loss-service.limits.max-concurrent-heavy-requests=3",
                        "loss-service.limits.request-deadline=5s")
                .run(
                        context -> {
                            LimitsProperties limits = context.getBean(LimitsProperties.class);
                            assertThat(limits.maxRequestBody()).isEqualTo(DataSize.ofMegabytes(1));
                            assertThat(limits.maxTensorElements()).isEqualTo(10);
                            assertThat(limits.maxRequestElements()).isEqualTo(20);
                            assertThat(limits.effectiveMaxConcurrentHeavyRequests()).isEqualTo(3);
                            assertThat(limits.requestDeadline()).isEqualTo(Duration.ofSeconds(5));
                        });
    }

    @Test
    void nonPositiveBodyLimitIsRejectedWithItsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new LimitsProperties(
                                        DataSize.ofBytes(0),
                                        1,
                                        1,
                                        0,
                                        DataSize.ofKilobytes(1),
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        DataSize.ofBytes(0),
                                        Duration.ofSeconds(1),
                                        10000))
                .withMessage("max-request-body must be > 0, got 0");
    }

    @Test
    void negativeConcurrencyCapIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new LimitsProperties(
                                        DataSize.ofBytes(1),
                                        1,
                                        1,
                                        -1,
                                        DataSize.ofKilobytes(1),
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        DataSize.ofBytes(0),
                                        Duration.ofSeconds(1),
                                        10000))
                .withMessage("max-concurrent-heavy-requests must be >= 0, got -1");
    }

    @Test
    void limitExceptionKeepsItsNameValueAndDetailAndHasNoStackTrace() {
        LimitExceededException e =
                new LimitExceededException("max-tensor-elements", 10, "too many");

        assertThat(e.limitName()).isEqualTo("max-tensor-elements");
        assertThat(e.limit()).isEqualTo(10);
        assertThat(e.detail()).isEqualTo("too many");
        assertThat(e.getStackTrace()).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LimitExceededException("x", -1, "d"))
                .withMessage("limit must be >= 0, got -1");
    }
}
