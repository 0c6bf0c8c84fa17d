package dev.lossservice.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Error pages, response headers (the playground page's Content-Security-Policy among them) and
 * Tomcat's own error reports.
 */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Where Spring's observation filter stood, which the request timer replaces. */
    static final int REQUEST_TIMER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<PlaygroundPolicyFilter> playgroundPolicyFilter() {
        var registration = new FilterRegistrationBean<>(new PlaygroundPolicyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns(PlaygroundPolicyFilter.PATHS);
        return registration;
    }

    /**
     * Times every request ({@link RequestTimerFilter}), before the limits refuse any, so that
     * refused requests are counted too. Without a meter registry (slice tests) it is left out.
     */
    @Bean
    FilterRegistrationBean<RequestTimerFilter> requestTimerFilter(
            ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        var registration =
                new FilterRegistrationBean<>(
                        new RequestTimerFilter(
                                meters == null ? new SimpleMeterRegistry() : meters));
        registration.setEnabled(meters != null);
        registration.setOrder(REQUEST_TIMER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Swaps every {@link ErrorReportValve} on the host, Boot's included, for {@link
     * ProblemErrorReportValve}. Runs last among the factory customizers so that Boot's valve has
     * been added by then.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportCustomizer() {
        return new ProblemErrorReportCustomizer();
    }

    private static final class ProblemErrorReportCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(
                    context -> {
                        Container host = context.getParent();
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        if (host instanceof StandardHost standardHost) {
                            standardHost.setErrorReportValveClass(
                                    ProblemErrorReportValve.class.getName());
                        }
                    });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
