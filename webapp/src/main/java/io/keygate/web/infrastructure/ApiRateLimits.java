package io.keygate.web.infrastructure;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many API requests a source address and a credential (an API token, or an admin's account through HTTP Basic or
 * a browser session) may send per minute, counted in fixed one-minute windows in the database, for all nodes together
 * ({@link RateWindows}). Beyond the limit, requests are answered 429 with {@code Retry-After} until the window ends;
 * the first refusal of a window is audited ({@code api.rate_limit}), later ones are not, so a flood does not become a
 * flood of audit rows. The address is counted before anything else is done with the request (a stream of guessed
 * tokens costs no work beyond the count, and once a node has seen the limit passed, not even that); the enrollment
 * endpoint has its own limits (E6) and is not counted here.
 */
@ApplicationScoped
public class ApiRateLimits {

    static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = "keygate.api.requests.per.token", defaultValue = "600")
    int perCredential;
    @Inject
    @ConfigProperty(name = "keygate.api.requests.per.address", defaultValue = "1200")
    int perAddress;
    @Inject
    AuditLog audit;
    @Inject
    RateWindows requests;

    /** A refusal: which limit, and the seconds until the window ends. */
    public record Exceeded(String limited, long retryAfterSeconds) {
    }

    /** Counts the request against its source address. */
    public Optional<Exceeded> admitAddress(String address) {
        return admit("api address " + address, perAddress, () -> AuditEntry.failure("api.rate_limit", "address_limit_exceeded")
                .by("address " + address, null)
                .withDetails(Map.of("limited", "address", "requestsPerMinute", perAddress)), "address");
    }

    /** Counts the request against the credential that authenticated it. */
    public Optional<Exceeded> admitCredential(Actor actor) {
        if (actor.isApiToken()) {
            return admit("api token " + actor.apiTokenId(), perCredential, () -> AuditEntry.failure("api.rate_limit", "token_limit_exceeded")
                    .byApiToken(actor.username(), actor.organizationId())
                    .withResource("api token", actor.apiTokenId(), actor.username())
                    .withDetails(Map.of("limited", "token", "requestsPerMinute", perCredential)), "token");
        }
        return admit("api account " + actor.accountId(), perCredential, () -> AuditEntry.failure("api.rate_limit", "account_limit_exceeded")
                .by(actor.username(), actor.organizationId())
                .withDetails(Map.of("limited", "account", "requestsPerMinute", perCredential)), "account");
    }

    private Optional<Exceeded> admit(String subject, int limit, Supplier<AuditEntry> audited, String limited) {
        RateWindows.Count count = requests.count(subject, limit, WINDOW, null);
        if (count.events() <= limit) {
            return Optional.empty();
        }
        if (count.events() == limit + 1) {
            audit.recordFailure(audited.get());
        }
        return Optional.of(new Exceeded(limited, count.secondsLeft()));
    }
}
