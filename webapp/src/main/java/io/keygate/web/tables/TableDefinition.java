package io.keygate.web.tables;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What a table is made of: its id (as stored with saved filters and layouts), its columns in their
 * default order, and the names of its filters (the chips, as URL and REST parameters).
 */
public record TableDefinition(String id, List<TableColumn> columns, Set<String> filterNames) implements Serializable {

    public TableDefinition {
        columns = List.copyOf(columns);
        filterNames = Set.copyOf(filterNames);
    }

    public List<String> defaultOrder() {
        return columns.stream().map(TableColumn::id).toList();
    }

    public TableColumn column(String id) {
        return columns.stream().filter(column -> column.id().equals(id)).findFirst().orElse(null);
    }
}
