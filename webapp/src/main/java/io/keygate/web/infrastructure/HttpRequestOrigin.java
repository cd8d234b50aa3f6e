package io.keygate.web.infrastructure;

import io.keygate.platform.api.RequestOrigin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/** Address and id of the running HTTP request; work started by the server itself reports "local". */
@RequestScoped
public class HttpRequestOrigin implements RequestOrigin {

    @Inject
    Instance<HttpServletRequest> request;

    private final String requestId = UUID.randomUUID().toString();

    @Override
    public String sourceAddress() {
        try {
            return request.get().getRemoteAddr();
        } catch (RuntimeException noHttpRequest) {
            return "local";
        }
    }

    @Override
    public String requestId() {
        return requestId;
    }
}
