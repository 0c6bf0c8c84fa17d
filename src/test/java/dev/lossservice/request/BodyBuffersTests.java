package dev.lossservice.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBuffersTests {

    private final BodyBuffers buffers = new BodyBuffers();

    @Test
    void aBufferGivenBackServesTheNextBodyThatFits() {
        byte[] first = buffers.take(8 * 1024 * 1024);
        buffers.give(first);

        assertThat(buffers.take(4 * 1024 * 1024)).isSameAs(first);
        assertThat(buffers.take(4 * 1024 * 1024)).isNotSameAs(first);
    }

    @Test
    void aKeptBufferTooSmallForTheBodyStaysKept() {
        byte[] small = buffers.take(2 * 1024 * 1024);
        buffers.give(small);

        assertThat(buffers.take(3 * 1024 * 1024)).hasSize(3 * 1024 * 1024).isNotSameAs(small);
        assertThat(buffers.take(1024 * 1024)).isSameAs(small);
    }

    @Test
    void smallHugeAndSurplusBuffersAreNotKept() {
        byte[] small = new byte[BodyBuffers.MIN_KEPT_BYTES - 1];
        byte[] huge = new byte[BodyBuffers.MAX_KEPT_BYTES + 1];
        buffers.give(small);
        buffers.give(huge);
        assertThat(buffers.take(1)).isNotSameAs(small).isNotSameAs(huge);

        byte[][] given = new byte[BodyBuffers.KEPT + 1][];
        for (int i = 0; i < given.length; i++) {
            given[i] = new byte[BodyBuffers.MIN_KEPT_BYTES];
            buffers.give(given[i]);
        }
        for (int i = 0; i < BodyBuffers.KEPT; i++) {
            assertThat(isOneOf(buffers.take(BodyBuffers.MIN_KEPT_BYTES), given)).isTrue();
        }
        assertThat(isOneOf(buffers.take(BodyBuffers.MIN_KEPT_BYTES), given)).isFalse();
    }

    /** Identity, not equal contents: every buffer here holds zeros. */
    private static boolean isOneOf(byte[] buffer, byte[][] buffers) {
        for (byte[] candidate : buffers) {
            if (candidate == buffer) {
                return true;
            }
        }
        return false;
    }
}
