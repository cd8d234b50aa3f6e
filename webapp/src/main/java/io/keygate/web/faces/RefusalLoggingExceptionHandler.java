package io.keygate.web.faces;

import io.keygate.platform.api.FixedWindows;
import io.keygate.web.infrastructure.ClientAddresses;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.logging.Logger;
import org.primefaces.application.exceptionhandler.PrimeExceptionHandler;
import org.primefaces.csp.CspException;

/**
 * PrimeFaces' exception handler (error pages, {@code p:ajaxExceptionHandler}), except for requests Keygate refuses on
 * purpose: a form posted with another page's CSP nonce (forged, replayed, or a scanner) and a view that has expired.
 * PrimeFaces logs each of those as SEVERE with a stack trace of some 4 KB, so anyone could fill the disk with unsigned
 * posts to the sign-in page (a scan wrote 84 MB). They are the client's doing, not a fault: one line each, at most
 * {@link #LOGGED_PER_MINUTE} a minute per address; the answer is the same error page as before.
 */
public class RefusalLoggingExceptionHandler extends PrimeExceptionHandler {

    static final int LOGGED_PER_MINUTE = 20;
    private static final Logger LOG = Logger.getLogger(RefusalLoggingExceptionHandler.class.getName());
    private static final FixedWindows LOGGED = new FixedWindows();

    public RefusalLoggingExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    protected void logException(Throwable rootCause) {
        String refusal = refusal(rootCause);
        if (refusal == null) {
            super.logException(rootCause);
            return;
        }
        Object request = FacesContext.getCurrentInstance() == null ? null : FacesContext.getCurrentInstance().getExternalContext().getRequest();
        if (!(request instanceof HttpServletRequest http)) {
            LOG.warning(() -> "Refused a page request: " + refusal);
            return;
        }
        String address = CDI.current().select(ClientAddresses.class).get().of(http);
        if (LOGGED.count(address, Duration.ofMinutes(1), null) <= LOGGED_PER_MINUTE) {
            LOG.warning(() -> "Refused a page request: " + refusal + ": " + http.getMethod() + " " + printable(http.getRequestURI())
                    + " from " + address);
        }
    }

    /** What the client did, in Keygate's words; null for anything that is a fault of the server. */
    static String refusal(Throwable rootCause) {
        if (rootCause instanceof CspException) {
            return "a form posted with another page's CSP nonce (forged, replayed or a stale copy)";
        }
        if (rootCause instanceof ViewExpiredException) {
            return "the page's view has expired (signed out, restarted server, or an old tab)";
        }
        return null;
    }

    /** The path as sent, with anything that could start a new log line or escape a terminal replaced. */
    static String printable(String path) {
        String safe = path == null ? "?" : path.replaceAll("[^\\x21-\\x7e]", "?");
        return safe.length() > 200 ? safe.substring(0, 200) + "..." : safe;
    }
}
