package dev.lossservice.tensor;

/**
 * Hibernate Validator's constraint validator payload for a request whose tensors the codec read
 * ({@link TensorJsonModule}, {@link NpyReader}): the codec checked every number against its field's
 * {@link TensorShape} as it read it, so that {@link TensorShape.Validator} then checks the shape
 * only, instead of passing over up to a million numbers a second time (a tenth of a large {@code
 * .npy} request). Tensors made in code, validated without this payload, get every check.
 */
public interface ValuesCheckedOnRead {

    /** The payload for a request read by the codec. */
    ValuesCheckedOnRead READ_BY_CODEC = new ValuesCheckedOnRead() {};
}
