package dev.lossservice.request;

import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.limits.LimitsProperties;
import dev.lossservice.tensor.NpzMessageConverter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.validation.Validator;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * How request bodies come in: {@link JsonRequestConverter} reads them ahead of Spring's Jackson
 * converter, {@link MultipartRequestConverter} reads NumPy {@code .npy} parts into the same
 * records, {@link NpzMessageConverter} writes answers as {@code .npz} when asked to, {@link
 * RequestValidator} is the validator behind {@code @Valid}, and {@link ResponsePartsResolver} reads
 * the query parameters that shape an answer. Also enables {@link LossServiceProperties} here, not
 * only through the application's properties scan, so that {@code @WebMvcTest} slices (which load
 * MVC configurers) get them too, and the {@link ExplainLimit} the endpoints check {@code
 * ?explain=true} against.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LossServiceProperties.class, LimitsProperties.class})
class WebConfiguration implements WebMvcConfigurer {

    private final LossServiceProperties properties;
    private final LimitsProperties limits;
    private final JsonMapper jsonMapper;
    private final RequestValidator validator;

    WebConfiguration(
            LossServiceProperties properties,
            LimitsProperties limits,
            JsonMapper jsonMapper,
            jakarta.validation.ValidatorFactory validators) {
        this.properties = properties;
        this.limits = limits;
        this.jsonMapper = jsonMapper;
        this.validator = new RequestValidator(validators, properties);
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(
                new JsonRequestConverter(
                        new JsonRequestReader(
                                jsonMapper, properties, limits.elementLimits(), validator)));
        builder.addCustomConverter(
                new MultipartRequestConverter(
                        new MultipartRequestReader(properties, limits.elementLimits(), validator)));
        builder.addCustomConverter(new NpzMessageConverter());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ResponsePartsResolver());
    }

    @Bean
    ExplainLimit explainLimit() {
        return new ExplainLimit(limits.maxExplainElements());
    }

    @Override
    public Validator getValidator() {
        return validator;
    }
}
