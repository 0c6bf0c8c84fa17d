package dev.lossservice.request;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.lossservice.tensor.NpzMessageConverter;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The mapping of every endpoint: a POST that takes {@code application/json}, or {@code
 * multipart/form-data} with NumPy {@code .npy} parts, and answers {@code application/json}, or a
 * NumPy {@code .npz} archive to a client that accepts only that ({@code application/x-npz}). JSON
 * comes first in each list: it is what a client that states no preference gets.
 */
@Documented
@Target(METHOD)
@Retention(RUNTIME)
@RequestMapping(
        method = RequestMethod.POST,
        consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
        produces = {MediaType.APPLICATION_JSON_VALUE, NpzMessageConverter.MEDIA_TYPE})
public @interface JsonPost {

    /** The path, e.g. {@code /loss/nll}. */
    @AliasFor(annotation = RequestMapping.class, attribute = "path")
    String[] value();
}
