package dev.lossservice.tensor;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Finds the {@link TensorShape} of a field for the readers that act on it (the JSON and NumPy
 * codecs, the warnings): written on the field, or on the role annotation the field carries, as Bean
 * Validation finds a composed constraint's parts.
 */
public final class TensorShapes {

    private TensorShapes() {}

    /** The shape declared on {@code element}, or null where it declares none. */
    public static TensorShape declaredOn(AnnotatedElement element) {
        return declaredIn(Arrays.stream(element.getAnnotations()));
    }

    /** The shape among a field's {@code annotations}, or null where there is none. */
    public static TensorShape declaredIn(Stream<Annotation> annotations) {
        return annotations
                .map(
                        annotation ->
                                annotation instanceof TensorShape shape
                                        ? shape
                                        : annotation
                                                .annotationType()
                                                .getAnnotation(TensorShape.class))
                .filter(shape -> shape != null)
                .findFirst()
                .orElse(null);
    }
}
