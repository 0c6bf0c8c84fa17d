package dev.lossservice.request;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@link ResponseParts} from the query string. Each flag converts as Spring converts a {@code
 * boolean} request parameter ({@code true}, {@code false}, {@code on}, {@code yes}, {@code 1} ...,
 * any case), absent or empty meaning its default (true for {@code samples} and {@code gradient},
 * false for {@code explain}); anything else is the same type mismatch, and so the same 400 problem,
 * as for a plain request parameter.
 */
final class ResponsePartsResolver implements HandlerMethodArgumentResolver {

    private final ConversionService conversion = DefaultConversionService.getSharedInstance();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ResponseParts.class;
    }

    @Override
    public ResponseParts resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        return new ResponseParts(
                flag(request, "samples", true, parameter),
                flag(request, "gradient", true, parameter),
                flag(request, "explain", false, parameter));
    }

    private boolean flag(
            NativeWebRequest request, String name, boolean absent, MethodParameter parameter) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            Boolean flag = conversion.convert(value, Boolean.class);
            return flag == null ? absent : flag;
        } catch (ConversionException e) {
            throw new MethodArgumentTypeMismatchException(value, Boolean.class, name, parameter, e);
        }
    }
}
