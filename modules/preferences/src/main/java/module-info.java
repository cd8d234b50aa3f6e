/** Each admin's own table preferences: saved filters (per session or kept) and column layouts. */
module io.keygate.preferences {
    requires transitive io.keygate.platform;
    requires io.keygate.audit;
    requires io.keygate.accounts;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    requires jakarta.json;
    exports io.keygate.preferences.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.preferences.internal;
}
