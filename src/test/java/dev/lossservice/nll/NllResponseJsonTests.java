package dev.lossservice.nll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.LossResults;
import dev.lossservice.loss.Warnings;
import dev.lossservice.problem.NonFiniteResultException;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.Tensor;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The NLL gradient is kept as {@link OneHotRows} and written without its N x C matrix: the answer
 * must still be, byte for byte, what writing the dense {@link Matrix} gives, and {@link
 * FiniteResults} must treat it as it treats the dense matrix. The application's own mapper (Boot's
 * settings and {@link TensorJsonModule}) writes the answer; the expected text comes from the same
 * mapper with the gradient turned into {@link OneHotRows#toMatrix()} as it is written.
 */
@JsonTest
class NllResponseJsonTests {

    private static final int SEEDS = 200;

    /** Writer settings: the application's, and each one that changes how rows are written. */
    private static final Map<String, UnaryOperator<ObjectWriter>> WRITERS =
            Map.of(
                    "application's settings", writer -> writer,
                    "JDK double writer",
                            writer -> writer.without(StreamWriteFeature.USE_FAST_DOUBLE_WRITER),
                    "indented", writer -> writer.with(SerializationFeature.INDENT_OUTPUT),
                    "numbers as strings",
                            writer -> writer.with(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS));

    @Autowired private JsonMapper applicationMapper;

    private final AtomicInteger denseWrites = new AtomicInteger();

    private JsonMapper denseMapper;

    @BeforeEach
    void makeDenseMapper() {
        // Added after TensorJsonModule, so it takes OneHotRows over; counted, so that the test
        // cannot pass by comparing the compact writer with itself.
        SimpleModule dense = new SimpleModule("dense-nll-gradient");
        dense.addSerializer(
                OneHotRows.class,
                new StdSerializer<>(OneHotRows.class) {
                    @Override
                    public void serialize(
                            OneHotRows gradient,
                            JsonGenerator generator,
                            SerializationContext context) {
                        denseWrites.incrementAndGet();
                        context.writeValue(generator, gradient.toMatrix());
                    }
                });
        denseMapper = applicationMapper.rebuild().addModule(dense).build();
    }

    private record Case(NegativeLogLikelihood.Result result, int[] target) {}

    /**
     * Shapes up to 5 x 1200 (rows longer than the generator's 8000-byte buffer); weights drawn from
     * 0.0, -0.0 and positive values (with {@code tinyWeights} also the smallest subnormal, whose
     * mean gradient overflows), every weight zero now and then (a mean over a zero denominator: a
     * NaN gradient, or an all-zero one when every sample is ignored); ignored rows; every
     * reduction.
     */
    private static Case randomCase(long seed, boolean tinyWeights) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(5);
        int columns = random.nextInt(4) == 0 ? 1 + random.nextInt(1200) : 1 + random.nextInt(6);
        double[] x = new double[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = -10 * random.nextDouble();
        }
        int ignoreIndex = random.nextBoolean() ? -100 : random.nextInt(columns);
        int[] target = new int[rows];
        for (int n = 0; n < rows; n++) {
            target[n] = random.nextInt(4) == 0 ? ignoreIndex : random.nextInt(columns);
        }
        double[] weight = null;
        if (random.nextInt(4) > 0) {
            boolean allZero = random.nextInt(3) == 0;
            weight = new double[columns];
            for (int c = 0; c < columns; c++) {
                weight[c] =
                        switch (allZero ? random.nextInt(2) : random.nextInt(tinyWeights ? 5 : 4)) {
                            case 0 -> 0.0;
                            case 1 -> -0.0;
                            case 4 -> Double.MIN_VALUE;
                            default -> 3 * random.nextDouble();
                        };
            }
        }
        Reduction reduction = Reduction.values()[random.nextInt(Reduction.values().length)];
        return new Case(
                NegativeLogLikelihood.ofLogProbabilities(
                        new Matrix(rows, columns, x),
                        target,
                        new NegativeLogLikelihood.Options(weight, ignoreIndex, reduction)),
                target);
    }

    private static boolean hasNegativeZero(OneHotRows gradient) {
        for (double value : gradient.value()) {
            if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void answerIsWrittenByteForByteAsWithTheDenseGradient() {
        assertThat(applicationMapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
        int undefinedGradients = 0;
        int negativeZeroGradients = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Case random = randomCase(seed, false);
            for (boolean withSamples : new boolean[] {true, false}) {
                NllResponse response =
                        NllResponse.of(
                                random.result(),
                                ClassInput.of(Tensor.of(random.result().denseGradient())),
                                random.target(),
                                new ResponseParts(withSamples, true, false),
                                new Warnings(),
                                null);
                for (var writer : WRITERS.entrySet()) {
                    String written =
                            writer.getValue()
                                    .apply(applicationMapper.writer())
                                    .writeValueAsString(response);
                    String expected =
                            writer.getValue()
                                    .apply(denseMapper.writer())
                                    .writeValueAsString(response);

                    assertThat(written)
                            .as("seed %d, samples %s, %s", seed, withSamples, writer.getKey())
                            .isEqualTo(expected);
                }
            }
            if (LossResults.gradient(random.result().gradient(), random.result().loss())
                    .isEmpty()) {
                undefinedGradients++;
            }
            if (hasNegativeZero(random.result().gradient())) {
                negativeZeroGradients++;
            }
        }
        assertThat(denseWrites).as("gradients written through the dense matrix").hasPositiveValue();
        assertThat(undefinedGradients).as("answers with a null gradient").isPositive();
        assertThat(negativeZeroGradients).as("gradients holding -0.0").isPositive();
    }

    @Test
    void gradientAloneIsWrittenAsItsDenseMatrix() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            OneHotRows gradient = randomCase(seed, false).result().gradient();
            for (var writer : WRITERS.entrySet()) {
                ObjectWriter application = writer.getValue().apply(applicationMapper.writer());

                assertThat(application.writeValueAsString(gradient))
                        .as("seed %d, %s", seed, writer.getKey())
                        .isEqualTo(application.writeValueAsString(gradient.toMatrix()));
            }
        }
    }

    /** "present", "absent" or the exception: what the answer gets from the gradient. */
    private static String outcome(Supplier<Optional<?>> check) {
        try {
            return check.get().isPresent() ? "present" : "absent";
        } catch (NonFiniteResultException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Test
    void gradientIsCheckedForFinitenessAsItsDenseMatrix() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            NegativeLogLikelihood.Result result = randomCase(seed, true).result();

            String compact = outcome(() -> LossResults.gradient(result.gradient(), result.loss()));
            String dense =
                    outcome(() -> LossResults.gradient(result.denseGradient(), result.loss()));

            assertThat(compact).as("seed %d", seed).isEqualTo(dense);
            outcomes.merge(compact, 1, Integer::sum);
        }
        assertThat(outcomes).as("every outcome met").hasSize(3);
    }
}
