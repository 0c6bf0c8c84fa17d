package dev.lossservice.request;

/**
 * Large multipart body buffers, kept for the next request once a body's parts are decoded: each
 * 1024 x 1000 {@code .npy} request otherwise allocated, zeroed and soon dropped an 8 MB array (a
 * humongous object for G1 here), a tenth of such a request (docs/benchmarks.md, NumPy transport). A
 * body needs its buffer only while its parts are decoded into the request record's own arrays, so
 * the buffer is free again when the record is made.
 *
 * <p>At most {@link #KEPT} buffers of at most {@link #MAX_KEPT_BYTES} each are kept (32 MB in all):
 * as many as heavy requests run at once by default on two cores. A kept buffer is not cleared; a
 * body is only ever read up to its own length. Thread-safe.
 */
final class BodyBuffers {

    static final int KEPT = 2;

    static final int MAX_KEPT_BYTES = 16 * 1024 * 1024;

    /** Smaller buffers cost little to allocate: not worth keeping. */
    static final int MIN_KEPT_BYTES = 1024 * 1024;

    private final byte[][] kept = new byte[KEPT][];

    /**
     * A buffer of at least {@code size} bytes: a kept one if one is large enough, else a new one.
     */
    byte[] take(int size) {
        synchronized (kept) {
            for (int i = 0; i < kept.length; i++) {
                if (kept[i] != null && kept[i].length >= size) {
                    byte[] buffer = kept[i];
                    kept[i] = null;
                    return buffer;
                }
            }
        }
        return new byte[size];
    }

    /**
     * Gives back a buffer nothing reads any more: kept if its size is worth it and there is room.
     */
    void give(byte[] buffer) {
        if (buffer.length < MIN_KEPT_BYTES || buffer.length > MAX_KEPT_BYTES) {
            return;
        }
        synchronized (kept) {
            for (int i = 0; i < kept.length; i++) {
                if (kept[i] == null) {
                    kept[i] = buffer;
                    return;
                }
            }
        }
    }
}
