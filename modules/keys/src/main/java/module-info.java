/** Machine provisioning keys: their value format, storage (keyed hash, sealed copy) and life cycle. */
module io.keygate.keys {
    requires transitive io.keygate.platform;
    requires io.keygate.audit;
    requires io.keygate.keymaterial;
    requires transitive io.keygate.groups;
    requires io.keygate.certificates;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    exports io.keygate.keys.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.keys.internal;
}
