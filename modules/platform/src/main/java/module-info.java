/** The shared kernel: who is acting, where a request came from, paging, names, error types, and the token checksum and IP allow-lists keys and API tokens share. */
module io.keygate.platform {
    requires java.sql;
    requires jakarta.persistence;
    exports io.keygate.platform.api;
}
