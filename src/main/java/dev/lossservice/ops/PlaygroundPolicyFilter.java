package dev.lossservice.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts a Content-Security-Policy on the playground page ({@code /}, {@code /index.html}) and its
 * assets under {@code /playground/}: scripts, styles, images and requests from the service's own
 * origin only, no inline script or style attribute, no plug-ins, no framing. Swagger UI and the API
 * are left alone: Swagger UI's page needs inline script of its own, and a JSON answer is not a
 * document a policy could protect. Its registration maps it to those paths only ({@link #PATHS}),
 * so that an API request does not pass through it at all.
 */
final class PlaygroundPolicyFilter extends OncePerRequestFilter {

    static final String POLICY_HEADER = "Content-Security-Policy";

    static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'none'; frame-ancestors 'none'";

    static final String ASSETS = "/playground/";

    /** The page and its assets, as servlet URL patterns ({@code /} is the root exactly). */
    static final String[] PATHS = {"/", "/index.html", ASSETS + "*"};

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(POLICY_HEADER, POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
