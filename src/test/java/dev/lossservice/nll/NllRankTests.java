package dev.lossservice.nll;

import dev.lossservice.RankFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /loss/nll} over PyTorch's whole input space (contract version 2): every case of
 * {@code fixtures/nll_v2.json} (PyTorch 1.13 float64, {@code scripts/generate_fixtures_rank.py}),
 * PyTorch's own criterion tests and OpInfo samples included.
 */
@WebMvcTest(NllController.class)
class NllRankTests {

    @Autowired private MockMvcTester mvc;

    static Stream<Arguments> cases() {
        return RankFixtures.cases("nll_v2.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerMatchesPyTorch(String name, JsonNode fixture) {
        RankFixtures.check(mvc, "/loss/nll", fixture);
    }
}
