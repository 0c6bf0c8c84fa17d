package dev.lossservice.problem;

import static dev.lossservice.WebTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The answers {@link ProblemDetailsAdvice} gives for errors no endpoint test reaches. */
@WebMvcTest
@Import(ProblemDetailsAdviceTests.FailingController.class)
class ProblemDetailsAdviceTests {

    @Autowired private MockMvcTester mvc;

    @RestController
    static class FailingController {

        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("secret-internal-state");
        }
    }

    @Test
    void anUnexpectedExceptionGivesAGeneric500WithoutDetailsOfIt() {
        MvcTestResult result = mvc.get().uri("/test/failure").exchange();
        JsonNode problem = assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:internal-error");
        assertThat(problem.toString())
                .doesNotContain("secret-internal-state")
                .doesNotContain("IllegalStateException")
                .doesNotContain("dev.lossservice");
    }

    @Test
    void anUnknownPathGives404() {
        JsonNode problem =
                assertProblem(mvc.get().uri("/loss/unknown").exchange(), HttpStatus.NOT_FOUND);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("instance").asString()).isEqualTo("/loss/unknown");
    }

    @Test
    void anAcceptHeaderWithoutJsonGives406AsProblemJson() {
        MvcTestResult result =
                mvc.post()
                        .uri("/softmax")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_PLAIN)
                        .content("{\"logits\": [[1, 2]]}")
                        .exchange();
        assertProblem(result, HttpStatus.NOT_ACCEPTABLE);
    }

    @Test
    void aWrongMethodGives405NamingTheAllowedOne() {
        MvcTestResult result = mvc.put().uri("/softmax").exchange();
        JsonNode problem = assertProblem(result, HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(result).hasHeader("Allow", "POST");
        assertThat(problem.get("detail").asString()).contains("POST");
    }
}
