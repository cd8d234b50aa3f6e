/** Append-only audit trail of changes, sensitive reads and sign-ins. */
module io.keygate.audit {
    requires io.keygate.platform;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    requires jakarta.json.bind;
    exports io.keygate.audit.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.audit.internal;
}
