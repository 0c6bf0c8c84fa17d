package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitIdentityTests {

    @Test
    void everyOutputIsBitForBitWhatTheCoreGaveBeforeItsRefactoring() throws IOException {
        // core-digests.txt: written by CoreDigests.main at e56e8d2, before the refactoring.
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = BitIdentityTests.class.getResourceAsStream("core-digests.txt")) {
            assertThat(in).as("core-digests.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t");
                expected.put(fields[0], fields[1]);
            }
        }

        // Fixture cases added since have no digest from before; every case that has one must match.
        Map<String, String> actual = CoreDigests.compute();
        assertThat(actual).containsAllEntriesOf(expected);
        assertThat(expected).hasSizeGreaterThan(300);
    }
}
