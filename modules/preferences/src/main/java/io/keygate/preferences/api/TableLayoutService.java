package io.keygate.preferences.api;

/** The signed-in admin's table layouts, kept on the server so every browser shows the same (T5). */
public interface TableLayoutService {

    /** The stored layout, or an empty one (the table's defaults) with version 0. */
    TableLayout get(String table);

    /** Stores the layout; a stale version is refused. The default filter must be one of the admin's kept filters of this table. */
    TableLayout save(String table, SaveTableLayout layout);

    /** Back to the table's default columns and widths; the filter bar and default view stay. */
    TableLayout reset(String table);
}
