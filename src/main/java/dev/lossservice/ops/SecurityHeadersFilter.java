package dev.lossservice.ops;

import dev.lossservice.servlet.ConstantMarkerFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets {@code X-Content-Type-Options: nosniff} on every response before anything else can answer,
 * so error responses carry it as well; Tomcat's own error reports get it from {@link
 * ProblemErrorReportValve}.
 */
final class SecurityHeadersFilter extends ConstantMarkerFilter {

    static final String NOSNIFF_HEADER = "X-Content-Type-Options";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        chain.doFilter(request, response);
    }
}
