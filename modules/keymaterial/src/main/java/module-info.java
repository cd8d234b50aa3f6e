/** Server secrets kept outside the database, and what is computed with them: keyed hashes and envelope encryption. */
module io.keygate.keymaterial {
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    // the master key rotation runs from the command line, over a plain connection
    requires java.sql;
    requires java.logging;
    exports io.keygate.keymaterial.api;
    // EclipseLink and Weld create proxies of, and read fields from, the data-key store by reflection
    opens io.keygate.keymaterial.internal;
}
