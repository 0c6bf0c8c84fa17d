package dev.lossservice.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the streaming {@link RequestBodyConverter} ahead of Spring's Jackson converter for the
 * request records. Also enables {@link LossServiceProperties} here, not only through the
 * application's properties scan, so that {@code @WebMvcTest} slices (which load MVC configurers)
 * get them too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LossServiceProperties.class)
class WebConfiguration implements WebMvcConfigurer {

    private final LossServiceProperties properties;

    WebConfiguration(LossServiceProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new RequestBodyConverter(properties));
    }
}
