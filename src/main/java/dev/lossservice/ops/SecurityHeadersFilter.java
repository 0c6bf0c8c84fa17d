package dev.lossservice.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code X-Content-Type-Options: nosniff} on every response before anything else can answer,
 * so error responses carry it as well; Tomcat's own error reports get it from {@link
 * ProblemErrorReportValve}.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final String ALREADY_FILTERED =
            SecurityHeadersFilter.class.getName() + ".FILTERED";

    static final String NOSNIFF_HEADER = "X-Content-Type-Options";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * A constant name for the marker OncePerRequestFilter sets while this filter runs: its default
     * is a string concatenated, and then hashed three times, on every request.
     */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return ALREADY_FILTERED;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        chain.doFilter(request, response);
    }
}
