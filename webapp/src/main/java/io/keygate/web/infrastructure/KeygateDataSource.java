package io.keygate.web.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one PostgreSQL database, reached as the application's login (KEYGATE_DB_APP_*), which owns no table; only the
 * migrations work as the schema's owner (KEYGATE_DB_USER, {@link DatabaseMigrations}).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/keygate",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=keygate.db.url}",
        user = "${MPCONFIG=keygate.db.app.user}",
        password = "${MPCONFIG=keygate.db.app.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // PostgreSQL's "Detail: Key (...)=(...)" would copy column values into exception messages and logs
        properties = {"logServerErrorDetail=false"})
@ApplicationScoped
public class KeygateDataSource {
}
