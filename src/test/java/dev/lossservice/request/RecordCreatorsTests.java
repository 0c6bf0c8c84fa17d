package dev.lossservice.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records made through {@link RecordCreators} come out as Jackson makes them without it: the same
 * values, the same defaults for absent members, the same failure when the constructor throws.
 */
class RecordCreatorsTests {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();
    private static final JsonMapper WITH_MODULE =
            JsonMapper.builder().addModule(new RecordCreators()).build();

    public record Members(double primitive, Integer boxed, int[] array, String text) {}

    public record Checked(int positive) {
        public Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("positive must be > 0, got " + positive);
            }
        }
    }

    record PackagePrivate(double value, String name) {}

    @Test
    void recordIsMadeWithTheSameMembers() {
        String json = "{\"primitive\": 1.5, \"boxed\": 7, \"array\": [1, 2], \"text\": \"x\"}";

        Members made = WITH_MODULE.readValue(json, Members.class);

        assertThat(made.primitive()).isEqualTo(1.5);
        assertThat(made.boxed()).isEqualTo(7);
        assertThat(made.array()).containsExactly(1, 2);
        assertThat(made.text()).isEqualTo("x");
    }

    @Test
    void absentMembersGetJacksonsDefaults() {
        String json = "{\"primitive\": 2}";

        Members made = WITH_MODULE.readValue(json, Members.class);

        assertThat(made)
                .usingRecursiveComparison()
                .isEqualTo(JACKSON.readValue(json, Members.class));
        assertThat(made.boxed()).isNull();
        assertThat(made.array()).isNull();
    }

    @Test
    void nullForPrimitiveFailsAsInJackson() {
        String json = "{\"primitive\": null}";

        Throwable failure = catchThrowable(() -> WITH_MODULE.readValue(json, Members.class));

        Throwable expected = catchThrowable(() -> JACKSON.readValue(json, Members.class));
        assertThat(failure).isNotNull().hasSameClassAs(expected).hasMessage(expected.getMessage());
    }

    @Test
    void throwingConstructorFailsAsInJackson() {
        String json = "{\"positive\": -3}";

        Throwable failure = catchThrowable(() -> WITH_MODULE.readValue(json, Checked.class));

        Throwable expected = catchThrowable(() -> JACKSON.readValue(json, Checked.class));
        assertThat(failure)
                .isNotNull()
                .hasSameClassAs(expected)
                .hasMessage(expected.getMessage())
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("positive must be > 0, got -3");
    }

    @Test
    void recordOutsidePublicReachIsStillMade() {
        PackagePrivate made =
                WITH_MODULE.readValue("{\"value\": 2.5, \"name\": \"n\"}", PackagePrivate.class);

        assertThat(made).isEqualTo(new PackagePrivate(2.5, "n"));
    }
}
