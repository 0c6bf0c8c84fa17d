package dev.lossservice.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * Writes an RFC 9457 problem detail ({@code application/problem+json}) straight to a servlet
 * response, for the places that answer before or outside Spring MVC: servlet filters, the {@code
 * /error} page and Tomcat's own error reports.
 *
 * <p>The JSON is written by hand (strings and numbers only) so that it works where no {@code
 * ObjectMapper} is at hand, inside Tomcat's valve. Nothing from the request body is ever put into a
 * problem: titles and details are fixed sentences chosen by the caller.
 */
public final class ProblemJson {

    /** The problem media type. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Longest request path echoed as {@code instance}; longer paths are left out. */
    static final int MAX_INSTANCE_LENGTH = 512;

    private ProblemJson() {}

    /**
     * Resets the body of an uncommitted response and writes {@code problem} as problem JSON with
     * its status. Headers already set (such as {@code Retry-After}) are kept.
     *
     * @throws IllegalStateException if the response is already committed
     */
    public static void write(HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter.
        response.setContentType(CONTENT_TYPE);
        byte[] body = render(problem).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }

    /**
     * Renders a problem as Jackson renders a {@link ProblemDetail}: {@code type}, {@code title},
     * {@code status}, {@code detail}, {@code instance} (each left out when null), then its
     * properties, whose values must be strings, numbers, booleans or null.
     *
     * @throws IllegalArgumentException for any other property value type
     */
    public static String render(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return render(members);
    }

    private static String render(Map<String, ?> members) {
        StringBuilder json = new StringBuilder(256).append('{');
        boolean first = true;
        for (Map.Entry<String, ?> member : members.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendString(json, member.getKey());
            json.append(':');
            Object value = member.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof String text) {
                appendString(json, text);
            } else if (value instanceof Integer || value instanceof Long) {
                json.append(value);
            } else if (value instanceof Boolean) {
                json.append(value);
            } else {
                throw new IllegalArgumentException(
                        "unsupported value type for member " + member.getKey());
            }
        }
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    // Escaping <, > and & as well keeps the body inert if a browser sniffs it.
                    if (c < 0x20
                            || c == '<'
                            || c == '>'
                            || c == '&'
                            || c == '\u2028'
                            || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Whether a request path is short and printable enough to be echoed as {@code instance}. */
    static boolean isPrintablePath(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_INSTANCE_LENGTH) {
            return false;
        }
        if (path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
