package io.keygate.launcher;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what the launcher started, newest first (Payara before PostgreSQL), exactly once: from the
 * JVM shutdown hook on Ctrl-C/SIGTERM, or on System.exit. Starting and closing are serialised, so a
 * Ctrl-C during a start waits for it and then closes what it started instead of leaking it.
 */
final class ShutdownSequence {

    /** Starts one resource; the sequence owns it from then on. */
    interface Starter<T extends AutoCloseable> {
        T start() throws Exception;
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile boolean closing;

    synchronized <T extends AutoCloseable> T start(Starter<T> starter) throws Exception {
        if (closing) {
            throw new IllegalStateException("shutting down");
        }
        T resource = starter.start();
        started.push(resource);
        return resource;
    }

    boolean isClosing() {
        return closing;
    }

    synchronized void closeAll() {
        closing = true;
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                Console.error("while stopping: " + e);
            }
        }
    }

    Thread asShutdownHook() {
        return new Thread(this::closeAll, "keygate-shutdown");
    }
}
