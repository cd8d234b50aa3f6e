package io.keygate.web.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The one PostgreSQL database; its address and credentials come from configuration (KEYGATE_DB_*). */
@DataSourceDefinition(
        name = "java:app/jdbc/keygate",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=keygate.db.url}",
        user = "${MPCONFIG=keygate.db.user}",
        password = "${MPCONFIG=keygate.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // PostgreSQL's "Detail: Key (...)=(...)" would copy column values into exception messages and logs
        properties = {"logServerErrorDetail=false"})
@ApplicationScoped
public class KeygateDataSource {
}
