package dev.lossservice.tensor;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Writes answers as NumPy {@code .npz} archives when a client asks for {@code application/x-npz},
 * whatever the request's format: the answer's {@link NumpyArrays} through an {@link NpzWriter}.
 * Errors are not {@link NumpyArrays}: they stay {@code application/problem+json}.
 */
public final class NpzMessageConverter extends AbstractHttpMessageConverter<NumpyArrays> {

    /** The media type of a {@code .npz} answer; a constant, so that mappings can name it. */
    public static final String MEDIA_TYPE = "application/x-npz";

    public NpzMessageConverter() {
        super(MediaType.parseMediaType(MEDIA_TYPE));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return NumpyArrays.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected NumpyArrays readInternal(
            Class<? extends NumpyArrays> type, HttpInputMessage message) {
        throw new UnsupportedOperationException("writes answers only");
    }

    @Override
    protected void writeInternal(NumpyArrays answer, HttpOutputMessage message) throws IOException {
        NpzWriter npz = new NpzWriter(message.getBody());
        answer.writeArrays(npz);
        npz.finish();
    }
}
