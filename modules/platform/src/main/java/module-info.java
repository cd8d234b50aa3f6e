/** The shared kernel: who is acting, where a request came from, paging, names and error types. */
module io.keygate.platform {
    requires java.sql;
    requires jakarta.persistence;
    exports io.keygate.platform.api;
}
