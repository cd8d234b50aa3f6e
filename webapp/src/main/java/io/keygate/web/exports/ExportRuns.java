package io.keygate.web.exports;

import io.keygate.platform.api.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export each admin has running on this node (X3): one at a time per admin, its rows counted as they are
 * written, and a way to stop it. A second export while one runs is refused politely (409); an export that made no
 * progress for {@link #STALLED} is taken for dead (its client left without the server noticing) and replaced.
 */
@ApplicationScoped
public class ExportRuns {

    static final Duration STALLED = Duration.ofMinutes(5);

    private final ConcurrentMap<String, Run> running = new ConcurrentHashMap<>();

    /** An export in progress. */
    public static final class Run {
        private final String table;
        private final AtomicLong rows = new AtomicLong();
        private volatile long lastProgressNanos = System.nanoTime();
        private volatile boolean cancelled;

        Run(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }

        public long rows() {
            return rows.get();
        }

        public boolean cancelled() {
            return cancelled;
        }

        /** Counts a written row; stops the export with an IOException once it was cancelled. */
        void wrote() throws IOException {
            if (cancelled) {
                throw new ExportCancelledException();
            }
            rows.incrementAndGet();
            lastProgressNanos = System.nanoTime();
        }

        boolean stalled() {
            return System.nanoTime() - lastProgressNanos > STALLED.toNanos();
        }
    }

    /** Thrown into the export's writing when its admin cancelled it; the response ends there. */
    static final class ExportCancelledException extends IOException {
        private static final long serialVersionUID = 1L;

        ExportCancelledException() {
            super("The export was cancelled by its admin.");
        }
    }

    Run start(String admin, String table) {
        Run run = new Run(table);
        Run previous = running.putIfAbsent(admin, run);
        if (previous == null) {
            return run;
        }
        if (previous.stalled() && running.replace(admin, previous, run)) {
            previous.cancelled = true;
            return run;
        }
        throw new ConflictException("export_running", "An export of yours (" + previous.table + ", " + previous.rows() + " rows so far) "
                + "is still running. Wait for it to finish or cancel it, then export again.", List.of());
    }

    /** How many exports this node is writing now. */
    public long running() {
        return running.size();
    }

    void finish(String admin, Run run) {
        running.remove(admin, run);
    }

    public Optional<Run> current(String admin) {
        return Optional.ofNullable(running.get(admin));
    }

    /** Stops the admin's running export, if any; true when there was one. */
    public boolean cancel(String admin) {
        Run run = running.get(admin);
        if (run == null) {
            return false;
        }
        run.cancelled = true;
        return true;
    }
}
