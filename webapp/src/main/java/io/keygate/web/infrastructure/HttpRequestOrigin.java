package io.keygate.web.infrastructure;

import io.keygate.platform.api.RequestOrigin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;

/** Address (behind trusted proxies, the client's) and id of the running HTTP request; work started by the server itself reports "local". */
@RequestScoped
public class HttpRequestOrigin implements RequestOrigin {

    @Inject
    Instance<HttpServletRequest> request;
    @Inject
    ClientAddresses addresses;

    /** For work the server starts itself, which has no HTTP request. */
    private final String localId = UUID.randomUUID().toString();

    @Override
    public String sourceAddress() {
        try {
            return addresses.of(request.get());
        } catch (RuntimeException noHttpRequest) {
            return "local";
        }
    }

    @Override
    public String requestId() {
        try {
            return RequestLog.id(request.get());
        } catch (RuntimeException noHttpRequest) {
            return localId;
        }
    }

    @Override
    public Optional<UUID> signedInSession() {
        try {
            return KeygateAuthentication.signedInSession(request.get());
        } catch (RuntimeException noHttpRequest) {
            return Optional.empty();
        }
    }
}
