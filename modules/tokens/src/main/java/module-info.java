/** API tokens: named, revocable credentials of an organisation for scripts and pipelines (R1, issue 7). */
module io.keygate.tokens {
    requires io.keygate.platform;
    requires io.keygate.audit;
    requires io.keygate.keymaterial;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    exports io.keygate.tokens.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.tokens.internal;
}
