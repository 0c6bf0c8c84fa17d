package dev.lossservice.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page: every error that does not come out of a controller advice (an
 * exception thrown in a filter, {@code sendError} from a filter or resolver, a path nobody maps)
 * ends up here and is answered as a problem detail, whatever the client's {@code Accept} says.
 *
 * <p>Replaces Boot's {@code BasicErrorController}. The detail is a fixed sentence per status: the
 * exception and its message are never shown, since they may name classes or quote the input.
 */
@Controller
final class ProblemErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = status(request);
        String instance = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (response.isCommitted()) {
            return;
        }
        ProblemJson.write(response, status, ProblemJson.problem(status, detail(status), instance));
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer status && status >= 400 && status <= 599) {
            return status;
        }
        // Reached /error directly, not as an error page.
        return HttpStatus.NOT_FOUND.value();
    }

    /** A sentence per status that says what the client can do; never the exception's message. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 404 -> "No resource exists at this path.";
            case 405 -> "The method is not supported at this path.";
            case 406 -> "The service can only answer with application/json.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "The request content type is not supported; send application/json.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is unavailable; retry later.";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1.";
            default ->
                    status >= 500
                            ? "The service failed to answer this request."
                            : "The request was not accepted.";
        };
    }
}
