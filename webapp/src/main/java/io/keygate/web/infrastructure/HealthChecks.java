package io.keygate.web.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What {@code /health/ready} and {@code /health/live} (MicroProfile Health, served by Payara) report. Ready: the database
 * answers as the application's login, this node's migrations are applied, the key material is loaded, and the node is
 * not stopping (it serves on during its shutdown grace); a load balancer sends traffic only to a ready node. Live: no threads are deadlocked; a node that is not live should be
 * restarted, so a database outage makes a node unready, never dead.
 */
@ApplicationScoped
public class HealthChecks {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:app/jdbc/keygate")
    DataSource database;
    @Inject
    DatabaseMigrations migrations;
    @Inject
    KeyMaterialCheck keyMaterial;
    @Inject
    ShutdownSignal shutdown;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection connection = database.getConnection()) {
                return HealthCheckResponse.named("database").status(connection.isValid(DATABASE_TIMEOUT_SECONDS)).build();
            } catch (SQLException unreachable) {
                return HealthCheckResponse.named("database").down().withData("error", unreachable.getSQLState() == null
                        ? "unreachable" : "SQLSTATE " + unreachable.getSQLState()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck migrations() {
        return () -> {
            Optional<String> version = migrations.schemaVersion();
            return version.map(applied -> HealthCheckResponse.named("migrations").up().withData("schemaVersion", applied).build())
                    .orElseGet(() -> HealthCheckResponse.named("migrations").down().build());
        };
    }

    @Produces
    @Readiness
    HealthCheck keyMaterial() {
        return () -> HealthCheckResponse.named("key-material").status(keyMaterial.loaded()).build();
    }

    @Produces
    @Readiness
    HealthCheck serving() {
        return () -> HealthCheckResponse.named("serving").status(!shutdown.isStopping()).build();
    }

    @Produces
    @Liveness
    HealthCheck threads() {
        return () -> {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            return HealthCheckResponse.named("threads").status(deadlocked == null)
                    .withData("deadlocked", deadlocked == null ? 0 : deadlocked.length).build();
        };
    }
}
