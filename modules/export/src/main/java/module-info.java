/** Files of tables: CSV, XLSX and JSON, written row by row as the rows arrive, with bounded memory (issue 6, X1-X4). */
module io.keygate.export {
    requires transitive io.keygate.platform;
    requires io.keygate.audit;
    requires jakarta.transaction;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.json;
    requires org.dhatim.fastexcel;
    exports io.keygate.export.api;
    // Weld creates proxies of the implementation by reflection
    opens io.keygate.export.internal;
}
