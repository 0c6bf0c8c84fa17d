package dev.lossservice.request;

import dev.lossservice.explain.ExplainLimit;
import dev.lossservice.limits.LimitsProperties;
import dev.lossservice.tensor.NpzMessageConverter;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.validation.Validator;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * How request bodies come in: {@link RequestRecordConverter} reads JSON bodies ahead of Spring's
 * Jackson converter and multipart bodies of NumPy {@code .npy} parts into the same records, {@link
 * NpzMessageConverter} writes answers as {@code .npz} when asked to, {@link RequestValidator} is
 * the validator behind {@code @Valid}, and {@link ResponsePartsResolver} reads the query parameters
 * that shape an answer. Also enables {@link LossServiceProperties} here, not only through the
 * application's properties scan, so that {@code @WebMvcTest} slices (which load MVC configurers)
 * get them too, and the {@link ExplainLimit} the endpoints check {@code ?explain=true} against.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LossServiceProperties.class, LimitsProperties.class})
class WebConfiguration implements WebMvcConfigurer {

    /** Ahead of Actuator's endpoint mappings, which Boot puts at -100. */
    static final int APPLICATION_MAPPINGS_ORDER = -101;

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
                RequestRecordConverter.json(
                        new JsonRequestReader(
                                jsonMapper, properties, limits.elementLimits(), validator)));
        builder.addCustomConverter(
                RequestRecordConverter.multipart(
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

    /**
     * Jackson's buffers, for every body read and written, from a pool per thread: Tomcat's worker
     * threads are few and long-lived, and Jackson's default pool, one deque shared by all threads,
     * cost a few per cent of a seed-sized request in taking and returning them (two deque nodes per
     * request each way). Each thread keeps at most one set of buffers, behind a soft reference.
     */
    @Bean
    static JsonFactoryBuilderCustomizer bufferPoolPerThread() {
        return factory -> factory.recyclerPool(JsonRecyclerPools.threadLocalPool());
    }

    /**
     * Looks requests up in the application's own mappings (the endpoints, {@code /error}, the
     * OpenAPI document) before Actuator's. Actuator orders its mappings first, so every request was
     * first matched against each of its endpoints, pattern by pattern, and missed: a few per cent
     * of a seed-sized request. The two sets share no path, so the order changes no answer.
     */
    @Bean
    static BeanPostProcessor applicationMappingsFirst() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerMapping mapping
                        && "requestMappingHandlerMapping".equals(name)) {
                    mapping.setOrder(APPLICATION_MAPPINGS_ORDER);
                }
                return bean;
            }
        };
    }
}
