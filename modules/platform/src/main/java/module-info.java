/** The shared kernel: who is acting, where a request came from, paging, names, error types, the token checksum and IP allow-lists keys and API tokens share, and the windows rate limits count in. */
module io.keygate.platform {
    requires java.sql;
    requires jakarta.persistence;
    exports io.keygate.platform.api;
}
