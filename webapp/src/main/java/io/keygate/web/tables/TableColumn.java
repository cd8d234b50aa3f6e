package io.keygate.web.tables;

import java.io.Serializable;

/**
 * A column of a table, named by the id of its {@code p:column}.
 *
 * @param hideable         false for the columns T5 keeps visible (Name, Actions) and the row toggler
 * @param visibleByDefault shown until the admin hides it
 */
public record TableColumn(String id, boolean hideable, boolean visibleByDefault) implements Serializable {

    public static TableColumn fixed(String id) {
        return new TableColumn(id, false, true);
    }

    public static TableColumn shown(String id) {
        return new TableColumn(id, true, true);
    }

    public static TableColumn hidden(String id) {
        return new TableColumn(id, true, false);
    }
}
