package dev.lossservice.ops;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, for the errors Tomcat answers itself before any servlet runs (a request
 * Tomcat cannot map, an error after the error page failed): a problem detail instead of Tomcat's
 * HTML page with its server version.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    /** Tomcat creates host valves by reflection. */
    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(ProblemJson.CONTENT_TYPE);
            // The reporter writer needs a charset; the body is ASCII, which UTF-8 covers.
            response.setCharacterEncoding("UTF-8");
            response.setHeader(SecurityHeadersFilter.NOSNIFF_HEADER, "nosniff");
            // The request line may be what was wrong with the request: no instance.
            String body = ProblemJson.render(ProblemJson.problem(status, detail(status), null));
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over; nothing left to report to.
        }
    }

    /** A sentence per status Tomcat answers itself; never the exception's message. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 404 -> "No resource exists at this path.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            case 501 -> "The method is not implemented.";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1.";
            default ->
                    status >= 500
                            ? "The service failed to answer this request."
                            : "The request was not accepted.";
        };
    }
}
