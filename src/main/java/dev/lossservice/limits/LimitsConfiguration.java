package dev.lossservice.limits;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the request limits in front of the application: the body limit on every path, the heavy
 * request gate on the computing endpoints only, and the drain of unread bodies behind it.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

    /** Just after the observation filter, so refused requests still show up in the metrics. */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    static final int GATE_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LimitsProperties limits) {
        var registration =
                new FilterRegistrationBean<>(
                        new RequestBodyLimitFilter(
                                limits.maxRequestBody().toBytes(), limits.requestDeadline()));
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Drains what is left of a body after an early answer, within {@code max-drained-body} and
     * {@code drain-timeout}, so that clients that write before they read hear the answer.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodyDrainCustomizer(
            LimitsProperties limits) {
        return factory ->
                factory.addContextValves(
                        new UnreadBodyDrainValve(
                                limits.effectiveMaxDrainedBody(), limits.drainTimeout()));
    }

    @Bean
    HeavyRequestGate heavyRequestGate(LimitsProperties limits) {
        return new HeavyRequestGate(
                limits.effectiveMaxConcurrentHeavyRequests(),
                limits.heavyRequestThreshold().toBytes(),
                limits.heavyRequestWait(),
                limits.retryAfter());
    }

    @Bean
    FilterRegistrationBean<HeavyRequestGate> heavyRequestGateRegistration(
            HeavyRequestGate gate, ObjectProvider<MeterRegistry> registry) {
        registry.ifAvailable(
                meters -> {
                    Gauge.builder("loss_service.heavy_requests.active", gate, g -> g.active())
                            .description("Heavy requests holding a permit")
                            .register(meters);
                    FunctionCounter.builder(
                                    "loss_service.heavy_requests.rejected", gate, g -> g.rejected())
                            .description("Heavy requests refused with 503")
                            .register(meters);
                });
        var registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(GATE_ORDER);
        registration.addUrlPatterns("/loss/*", "/softmax");
        return registration;
    }
}
