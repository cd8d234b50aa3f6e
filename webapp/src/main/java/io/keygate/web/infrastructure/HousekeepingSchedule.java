package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.preferences.api.SavedFilterService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's own chores. Every {@code keygate.key-retirement.interval.seconds}, it disables rotated keys
 * whose deadline passed (K12): a key already stops enrolling at the deadline itself; this makes its row and
 * the audit log say so. Every hour it removes filters of browser sessions that ended without signing out
 * (T4) once they are a week old. Every minute it deletes the rate limits' windows that have ended, so their table
 * holds about one row per subject counted in the last window. Every hour it forgets sign-ins older than a session's
 * lifetime ({@link AccountService#SESSION_LIFETIME}), which let nobody in any more. Each node runs its own schedule
 * (EJB timers would need Payara's clustered timer store); the chores are idempotent, so two nodes never do one twice.
 */
@Startup
@Singleton
public class HousekeepingSchedule {

    private static final Logger LOG = Logger.getLogger(HousekeepingSchedule.class.getName());
    private static final Duration SESSION_FILTER_AGE = Duration.ofDays(7);

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    Chores chores;
    @Inject
    @ConfigProperty(name = "keygate.key-retirement.interval.seconds", defaultValue = "30")
    long intervalSeconds;

    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    @PostConstruct
    void start() {
        if (intervalSeconds < 1) {
            throw new IllegalStateException("keygate.key-retirement.interval.seconds must be 1 or more, not " + intervalSeconds);
        }
        schedules.add(scheduler.scheduleWithFixedDelay(() -> run("Retiring rotated provisioning keys", chores::retireDueKeys,
                "Disabled %d rotated provisioning key(s) whose deadline passed"), intervalSeconds, intervalSeconds, TimeUnit.SECONDS));
        schedules.add(scheduler.scheduleWithFixedDelay(() -> run("Removing filters of ended sessions", chores::sweepSessionFilters,
                "Removed %d saved filter(s) of browser sessions that ended without signing out"), 1, 60, TimeUnit.MINUTES));
        schedules.add(scheduler.scheduleWithFixedDelay(() -> run("Deleting ended rate-limit windows", chores::deleteEndedRateWindows,
                null), 1, 1, TimeUnit.MINUTES));
        schedules.add(scheduler.scheduleWithFixedDelay(() -> run("Forgetting expired sign-ins", chores::forgetExpiredSessions,
                null), 5, 60, TimeUnit.MINUTES));
    }

    @PreDestroy
    void stop() {
        schedules.forEach(schedule -> schedule.cancel(false));
    }

    /** Runs a chore; logs what it did with {@code done}, unless that is null (a chore too routine to log). */
    private static void run(String chore, IntSupplier work, String done) {
        try {
            int count = work.getAsInt();
            if (count > 0 && done != null) {
                LOG.info(String.format(done, count));
            }
        } catch (RuntimeException failure) {
            // a task that throws is never run again: log, and let the next interval try
            LOG.log(Level.WARNING, chore + " failed; retrying at the next interval", failure);
        }
    }

    /** One run of each chore, with the request context the audit log needs (a scheduled thread has none). */
    @ApplicationScoped
    public static class Chores {

        @Inject
        ProvisioningKeyService keys;
        @Inject
        SavedFilterService savedFilters;
        @Inject
        RateWindowTable rateWindows;
        @Inject
        AccountService accounts;

        @ActivateRequestContext
        public int retireDueKeys() {
            return keys.retireDueKeys();
        }

        @ActivateRequestContext
        public int sweepSessionFilters() {
            return savedFilters.sweepSessionFilters(SESSION_FILTER_AGE);
        }

        public int deleteEndedRateWindows() {
            return rateWindows.deleteEnded();
        }

        @ActivateRequestContext
        public int forgetExpiredSessions() {
            return accounts.forgetExpiredSessions();
        }
    }
}
