/** Machine groups and the machines enrolled into them. */
module io.keygate.groups {
    requires io.keygate.platform;
    requires io.keygate.audit;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    exports io.keygate.groups.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.groups.internal;
}
