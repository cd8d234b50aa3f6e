/** Organisations (tenants), their admins, passwords and sign-in. */
module io.keygate.accounts {
    requires io.keygate.platform;
    requires io.keygate.audit;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    exports io.keygate.accounts.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.accounts.internal;
}
