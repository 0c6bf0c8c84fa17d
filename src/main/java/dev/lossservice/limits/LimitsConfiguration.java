package dev.lossservice.limits;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
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

    /** Just after the request timer (ops/), so refused requests still show up in the metrics. */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    static final int GATE_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    /** Tomcat's {@code socket.appReadBufSize}, 8 KB by default. */
    static final int SOCKET_READ_BUFFER_BYTES = 64 * 1024;

    /**
     * Tomcat reads a body through each connection's read buffer; every refill that finds the socket
     * empty waits for the poller. With 64 KB instead of 8 KB, an 8.2 MB body takes an eighth of the
     * refills, and reading it took about 4 ms instead of 9 (docs/benchmarks.md, "NumPy transport").
     * Every open connection holds this buffer, so application.properties lowers {@code
     * server.tomcat.max-connections} from 8192 to 2000: at most 2000 x (64 + 8) KB of socket
     * buffers, about the 8192 x (8 + 8) KB of Tomcat's defaults.
     */
    @Bean
    TomcatConnectorCustomizer socketReadBufferCustomizer() {
        return connector -> {
            if (!connector.setProperty(
                    "socket.appReadBufSize", String.valueOf(SOCKET_READ_BUFFER_BYTES))) {
                throw new IllegalStateException("Tomcat refused socket.appReadBufSize");
            }
        };
    }

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
