package io.keygate.web.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Tells readiness that the node is stopping as soon as the JVM is asked to (SIGTERM), while Payara still serves for
 * its shutdown grace: a load balancer that polls {@code /health/ready} stops sending new requests, and those in
 * flight finish. Payara itself reports nothing until it undeploys the application, at the end of the grace.
 */
@ApplicationScoped
public class ShutdownSignal {

    private final Thread hook = new Thread(this::stopping, "keygate-shutdown-signal");
    private volatile boolean stopping;

    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object start) {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public boolean isStopping() {
        return stopping;
    }

    private void stopping() {
        stopping = true;
    }

    @PreDestroy
    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownRunning) {
            // the JVM is stopping: the hook has run, and the JVM forgets it anyway
        }
    }
}
