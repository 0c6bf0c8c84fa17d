package dev.lossservice.ops;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Opens the computing endpoints to the origins in {@link CorsProperties}, and to no others. Enables
 * its properties itself because {@code @WebMvcTest} slices load MVC configurers like this one but
 * not the application's properties scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class CorsConfiguration implements WebMvcConfigurer {

    private final CorsProperties cors;

    CorsConfiguration(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (cors.allowedOrigins().isEmpty()) {
            return;
        }
        String[] origins = cors.allowedOrigins().toArray(String[]::new);
        for (String path : new String[] {"/loss/**", "/softmax"}) {
            registry.addMapping(path)
                    .allowedOriginPatterns(origins)
                    .allowedMethods("POST")
                    .allowedHeaders("Content-Type", "Accept")
                    .maxAge(cors.maxAge().toSeconds());
        }
    }
}
