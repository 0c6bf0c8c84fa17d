package dev.lossservice.tensor;

/**
 * An answer that can also be written as a NumPy {@code .npz} archive ({@link NpzMessageConverter},
 * for {@code Accept: application/x-npz}): one array per numeric field, named as the field is in
 * JSON. A field the JSON answer leaves out or gives as null has no array.
 */
public interface NumpyArrays {

    /** Writes this answer's arrays; {@link NpzMessageConverter} finishes the archive. */
    void writeArrays(NpzWriter npz);
}
