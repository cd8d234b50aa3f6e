package io.keygate.web.tables;

import io.keygate.preferences.api.SavedFilterService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This browser session's key for filters saved "for this session" (T4): random, never the HTTP session
 * id. When the session ends (sign-out or idle timeout), its filters go with it.
 */
@SessionScoped
public class BrowserSession implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BrowserSession.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SavedFilterService filters;

    private final String key = newKey();

    public String key() {
        return key;
    }

    @PreDestroy
    void forgetSessionFilters() {
        try {
            filters.endSession(key);
        } catch (RuntimeException failure) {
            // the periodic sweep removes them later; the session must end regardless
            LOG.log(Level.WARNING, "Could not remove the filters of an ended session; the sweep will", failure);
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
