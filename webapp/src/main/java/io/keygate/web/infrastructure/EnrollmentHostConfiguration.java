package io.keygate.web.infrastructure;

import io.keygate.keys.api.KeyValueGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keys carry the public enrollment host (KEYGATE_ENROLLMENT_HOST), so a machine needs nothing but its key. */
@ApplicationScoped
public class EnrollmentHostConfiguration {

    @Inject
    @ConfigProperty(name = "keygate.enrollment.host")
    String enrollmentHost;

    @Produces
    @ApplicationScoped
    KeyValueGenerator keyValueGenerator() {
        return KeyValueGenerator.forHost(enrollmentHost);
    }
}
