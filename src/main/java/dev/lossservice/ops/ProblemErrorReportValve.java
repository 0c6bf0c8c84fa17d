package dev.lossservice.ops;

import dev.lossservice.problem.ProblemJson;
import dev.lossservice.problem.ProblemType;
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
            String body = ProblemJson.render(ProblemType.ofStatus(status, null, null));
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over; nothing left to report to.
        }
    }
}
