package dev.lossservice.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitedServletInputStreamTests {

    @Test
    void bodyOfExactlyTheLimitIsReadWhole() throws IOException {
        LimitedServletInputStream in = limited(new byte[100], 100, Duration.ofMinutes(1));

        assertThat(in.readAllBytes()).hasSize(100);
        assertThat(in.count()).isEqualTo(100);
    }

    @Test
    void firstByteOverTheLimitStopsTheRead() {
        LimitedServletInputStream in = limited(new byte[101], 100, Duration.ofMinutes(1));

        assertThatExceptionOfType(LimitExceededException.class)
                .isThrownBy(in::readAllBytes)
                .satisfies(
                        e -> {
                            assertThat(e.limitName()).isEqualTo("max-request-body");
                            assertThat(e.limit()).isEqualTo(100);
                        });
    }

    @Test
    void singleByteReadsAreCountedToo() throws IOException {
        LimitedServletInputStream in = limited(new byte[3], 2, Duration.ofMinutes(1));
        in.read();
        in.read();

        assertThatExceptionOfType(LimitExceededException.class).isThrownBy(in::read);
    }

    @Test
    void readAfterTheDeadlineFailsWithTheDeadlineNamed() {
        LimitedServletInputStream in =
                new LimitedServletInputStream(
                        servletStream(new ByteArrayInputStream(new byte[10])),
                        100,
                        System.nanoTime() - Duration.ofSeconds(2).toNanos(),
                        Duration.ofSeconds(1));

        assertThatExceptionOfType(RequestDeadlineExceededException.class)
                .isThrownBy(in::read)
                .withMessage(
                        "The request was not completed within the limit request-deadline of 1000"
                                + " ms.");
    }

    @Test
    void socketTimeoutWrappedByTheContainerBecomesA408() {
        InputStream timingOut =
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("client abort", new SocketTimeoutException());
                    }
                };
        LimitedServletInputStream in =
                new LimitedServletInputStream(
                        servletStream(timingOut), 100, System.nanoTime(), Duration.ofMinutes(1));

        assertThatExceptionOfType(RequestDeadlineExceededException.class).isThrownBy(in::read);
    }

    private static LimitedServletInputStream limited(byte[] body, long max, Duration deadline) {
        return new LimitedServletInputStream(
                servletStream(new ByteArrayInputStream(body)), max, System.nanoTime(), deadline);
    }

    private static ServletInputStream servletStream(InputStream in) {
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
    }
}
