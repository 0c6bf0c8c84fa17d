package dev.lossservice.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch ({@code /error}) with a problem detail, in place
 * of Boot's default JSON: errors raised outside Spring MVC (a filter rejecting a request, say) get
 * the same shape as every other error. A client that asks for {@code /error} itself gets a 404, not
 * the 500 Boot would give. Not part of the API, so not in its OpenAPI document.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status =
                code instanceof Integer value && HttpStatus.resolve(value) != null
                        ? HttpStatus.valueOf(value)
                        : HttpStatus.NOT_FOUND;
        if (!status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem =
                ProblemType.ofStatus(
                        status.value(),
                        null,
                        path instanceof String p ? p : request.getRequestURI());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
