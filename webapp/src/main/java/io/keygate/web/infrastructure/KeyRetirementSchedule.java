package io.keygate.web.infrastructure;

import io.keygate.keys.api.ProvisioningKeyService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Disables rotated keys whose deadline passed (K12), every {@code keygate.key-retirement.interval.seconds}.
 * A key already stops enrolling at the deadline itself; this makes its row and the audit log say so. The
 * timer is not persistent: each node runs its own, and the update is idempotent.
 */
@Startup
@Singleton
public class KeyRetirementSchedule {

    private static final Logger LOG = Logger.getLogger(KeyRetirementSchedule.class.getName());

    @Resource
    TimerService timers;
    @Inject
    ProvisioningKeyService keys;
    @Inject
    @ConfigProperty(name = "keygate.key-retirement.interval.seconds", defaultValue = "30")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        if (intervalSeconds < 1) {
            throw new IllegalStateException("keygate.key-retirement.interval.seconds must be 1 or more, not " + intervalSeconds);
        }
        long millis = intervalSeconds * 1000;
        timers.createIntervalTimer(millis, millis, new TimerConfig("retire rotated provisioning keys", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retireDueKeys() {
        try {
            int retired = keys.retireDueKeys();
            if (retired > 0) {
                LOG.info("Disabled " + retired + " rotated provisioning key(s) whose deadline passed");
            }
        } catch (RuntimeException failure) {
            // the keys module's own transaction rolled back; the next run tries again (a throwing callback would be retried at once)
            LOG.log(Level.WARNING, "Retiring rotated provisioning keys failed; retrying at the next interval", failure);
        }
    }
}
