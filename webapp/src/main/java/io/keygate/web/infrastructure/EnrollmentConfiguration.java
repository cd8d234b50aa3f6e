package io.keygate.web.infrastructure;

import io.keygate.keys.api.EnrollmentLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The enrollment endpoint's rate limits (E6) from configuration: failures per source address and per keyId each minute. */
@ApplicationScoped
public class EnrollmentConfiguration {

    @Inject
    @ConfigProperty(name = "keygate.enrollment.failures.per.address", defaultValue = "20")
    int failuresPerAddress;
    @Inject
    @ConfigProperty(name = "keygate.enrollment.failures.per.key", defaultValue = "50")
    int failuresPerKey;

    @Produces
    EnrollmentLimits limits() {
        return new EnrollmentLimits(failuresPerAddress, failuresPerKey, Duration.ofMinutes(1));
    }
}
