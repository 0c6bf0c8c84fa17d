package dev.lossservice.request;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The mapping of every endpoint: a POST that takes and answers {@code application/json}. */
@Documented
@Target(METHOD)
@Retention(RUNTIME)
@RequestMapping(
        method = RequestMethod.POST,
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
public @interface JsonPost {

    /** The path, e.g. {@code /loss/nll}. */
    @AliasFor(annotation = RequestMapping.class, attribute = "path")
    String[] value();
}
