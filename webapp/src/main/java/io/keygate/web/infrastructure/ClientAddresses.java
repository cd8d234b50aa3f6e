package io.keygate.web.infrastructure;

import io.keygate.platform.api.IpRanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the connection comes from a
 * configured trusted proxy ({@code KEYGATE_TRUSTED_PROXIES}, CIDRs, none by default), and then only as far as the
 * chain is made of trusted proxies: the client is the nearest address that is not one of them. Anyone can write the
 * header, so believing it from anywhere would let a caller pick the address its rate limit is counted against.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "keygate.trusted.proxies")
    Optional<String> trustedProxies;

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trusted());
    }

    List<String> trusted() {
        return trustedProxies.map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    static String resolve(String remote, String forwardedFor, List<String> trusted) {
        if (forwardedFor == null || trusted.isEmpty() || !IpRanges.contains(trusted, remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        String client = remote;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (IpRanges.numeric(hop) == null) {
                // an unreadable entry ends what can be believed: the last proxy that added a readable one is the client
                return client;
            }
            client = hop;
            if (!IpRanges.contains(trusted, hop)) {
                return hop;
            }
        }
        return client;
    }
}
