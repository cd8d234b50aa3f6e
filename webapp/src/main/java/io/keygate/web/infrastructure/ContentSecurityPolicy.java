package io.keygate.web.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The one Content-Security-Policy of every response. Faces pages get it from PrimeFaces' CSP mode, which appends
 * {@code 'nonce-…'} to the last directive (so script-src must stay last) and moves every inline event handler into
 * a script carrying that nonce; every other response gets it as is, where no inline script may run at all.
 * Styles stay {@code 'unsafe-inline'}: PrimeFaces positions overlays with style attributes, which nonces cannot cover,
 * and a style cannot run code.
 */
@Named
@ApplicationScoped
public class ContentSecurityPolicy {

    public static final String REPORT_PATH = "/csp-reports";

    public static final String POLICY = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; report-uri " + REPORT_PATH + "; script-src 'self'";

    /** Read by {@code primefaces.CSP_POLICY} in web.xml for every page it renders. */
    public String getPolicy() {
        return POLICY;
    }
}
