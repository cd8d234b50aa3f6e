package io.keygate.web.infrastructure;

import io.keygate.keys.api.ProvisioningKeyService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Disables rotated keys whose deadline passed (K12), every {@code keygate.key-retirement.interval.seconds}.
 * A key already stops enrolling at the deadline itself; this makes its row and the audit log say so. Each
 * node runs its own schedule (EJB timers would need Payara's clustered timer store); the update is
 * idempotent, so two nodes never retire a key twice.
 */
@Startup
@Singleton
public class KeyRetirementSchedule {

    private static final Logger LOG = Logger.getLogger(KeyRetirementSchedule.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    KeyRetirementRun run;
    @Inject
    @ConfigProperty(name = "keygate.key-retirement.interval.seconds", defaultValue = "30")
    long intervalSeconds;

    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        if (intervalSeconds < 1) {
            throw new IllegalStateException("keygate.key-retirement.interval.seconds must be 1 or more, not " + intervalSeconds);
        }
        schedule = scheduler.scheduleWithFixedDelay(this::retireDueKeys, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    private void retireDueKeys() {
        try {
            int retired = run.retireDueKeys();
            if (retired > 0) {
                LOG.info("Disabled " + retired + " rotated provisioning key(s) whose deadline passed");
            }
        } catch (RuntimeException failure) {
            // a task that throws is never run again: log, and let the next interval try
            LOG.log(Level.WARNING, "Retiring rotated provisioning keys failed; retrying at the next interval", failure);
        }
    }

    /** One run, with the request context the audit log needs (a scheduled thread has none). */
    @ApplicationScoped
    public static class KeyRetirementRun {

        @Inject
        ProvisioningKeyService keys;

        @ActivateRequestContext
        public int retireDueKeys() {
            return keys.retireDueKeys();
        }
    }
}
