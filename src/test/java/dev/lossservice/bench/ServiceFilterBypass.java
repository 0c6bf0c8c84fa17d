package dev.lossservice.bench;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Takes the service's own servlet filters ({@code limits/}, {@code ops/}: security headers, body
 * limit and deadline, heavy request gate) out of the chain, so that scripts/bench-http.sh can
 * measure what they cost: the same jar with and without them, side by side. Boot's filters
 * (observation, character encoding, form content, request context) stay, as in the trivial
 * application where it has them.
 *
 * <p>Test sources, so never in the packaged jar; on only with the {@code bench} profile and {@code
 * --bench.bypass-service-filters=true}. A service started so has no body limit: for benchmarks on
 * loopback only.
 */
@Profile("bench")
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bench.bypass-service-filters")
class ServiceFilterBypass {

    @Bean
    static BeanPostProcessor disableServiceFilters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration
                                .getFilter()
                                .getClass()
                                .getPackageName()
                                .startsWith("dev.lossservice.")) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }
}
