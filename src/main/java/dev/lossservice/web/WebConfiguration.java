package dev.lossservice.web;

import dev.lossservice.limits.LimitsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the streaming {@link RequestBodyConverter} ahead of Spring's Jackson converter for the
 * request records. Also enables {@link LossServiceProperties} here, not only through the
 * application's properties scan, so that {@code @WebMvcTest} slices (which load MVC configurers)
 * get them too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LossServiceProperties.class, LimitsProperties.class})
class WebConfiguration implements WebMvcConfigurer {

    private final LossServiceProperties properties;

    private final LimitsProperties limits;

    private final JsonMapper jsonMapper;

    WebConfiguration(
            LossServiceProperties properties, LimitsProperties limits, JsonMapper jsonMapper) {
        this.properties = properties;
        this.limits = limits;
        this.jsonMapper = jsonMapper;
    }

    /**
     * The converter's own parser gets the constraints Boot configured on the application's mapper
     * ({@code spring.jackson.factory.constraints.read.*}), and the element limits of {@code
     * loss-service.limits}.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(
                new RequestBodyConverter(
                        properties,
                        limits.elementLimits(),
                        jsonMapper.tokenStreamFactory().streamReadConstraints()));
    }
}
