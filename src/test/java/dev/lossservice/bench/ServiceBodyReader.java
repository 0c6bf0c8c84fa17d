package dev.lossservice.bench;

import dev.lossservice.limits.ElementLimits;
import dev.lossservice.web.CrossEntropyRequest;
import dev.lossservice.web.LossServiceProperties;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import tools.jackson.core.StreamReadConstraints;

/**
 * The service's own request reader, {@code RequestBodyConverter.read} (the method the servlet path
 * calls), for the parse timings of scripts/bench-http.sh. The class is package-private to the web
 * layer, so it is reached by reflection and built as WebConfiguration builds it.
 */
final class ServiceBodyReader {

    private final Object converter;
    private final Method read;

    ServiceBodyReader(
            LossServiceProperties properties,
            ElementLimits limits,
            StreamReadConstraints constraints)
            throws ReflectiveOperationException {
        Class<?> converterClass = Class.forName("dev.lossservice.web.RequestBodyConverter");
        Constructor<?> constructor =
                converterClass.getDeclaredConstructor(
                        LossServiceProperties.class,
                        ElementLimits.class,
                        StreamReadConstraints.class);
        constructor.setAccessible(true);
        converter = constructor.newInstance(properties, limits, constraints);
        read = converterClass.getDeclaredMethod("read", Class.class, InputStream.class);
        read.setAccessible(true);
    }

    /** Parses a cross-entropy request body, as the service does on every request. */
    CrossEntropyRequest readCrossEntropy(byte[] body) {
        try {
            return (CrossEntropyRequest)
                    read.invoke(
                            converter, CrossEntropyRequest.class, new ByteArrayInputStream(body));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the body does not read", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
