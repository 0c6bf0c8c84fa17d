package dev.lossservice.servlet;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@link OncePerRequestFilter} whose "already filtered" request attribute has one name, made once
 * per filter: Spring's default builds the name by concatenation on every request, and the new
 * string is then hashed each time the attribute is set, read and removed.
 */
public abstract class ConstantMarkerFilter extends OncePerRequestFilter {

    private final String alreadyFiltered = getClass().getName() + ".FILTERED";

    @Override
    protected final String getAlreadyFilteredAttributeName() {
        return alreadyFiltered;
    }
}
