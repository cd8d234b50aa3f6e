package io.keygate.web.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.SortOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableStateTest {

    private static final TableDefinition KEYS = new TableDefinition("provisioning-keys", List.of(TableColumn.fixed("name"),
            TableColumn.shown("group"), TableColumn.shown("status"), TableColumn.hidden("description"), TableColumn.fixed("actions")),
            Set.of("name", "machineGroupId", "search"));

    private final TableState state = new TableState(KEYS);

    @Test
    void writesTheViewIntoAQueryThatReadsBack() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("name", List.of("web eu&co"));
        filters.put("machineGroupId", List.of("3", "7"));
        state.apply(filters);
        state.setSearch("blue ✓");
        state.choose(12, "mine", state.getApplied());
        state.loaded(40, 20, List.of(new SortOrder("createdAt", false)));

        String query = state.query();

        assertEquals("name=web%20eu%26co&machineGroupId=3&machineGroupId=7&search=blue%20%E2%9C%93&sort=-createdAt&page=3&view=12", query);
        TableState opened = new TableState(KEYS);
        opened.readQuery(parameters(query));
        assertEquals(state.getApplied(), opened.getApplied());
        assertEquals("-createdAt", opened.getSort());
        assertEquals(40, opened.getFirst());
        assertEquals(12L, TableState.viewOf(parameters(query)));
    }

    @Test
    void ignoresWhatAUrlCannotMean() {
        state.readQuery(parameters("rows=7&page=-1&sort=name;drop&colour=blue&name=web"));

        assertEquals(TableState.DEFAULT_ROWS, state.getRows());
        assertEquals(0, state.getFirst());
        assertNull(state.getSort());
        assertEquals(Map.of("name", List.of("web")), state.getApplied(), "unknown parameters are not filters");
        assertNull(TableState.viewOf(parameters("view=abc")));
    }

    @Test
    void startsAgainAtTheFirstPageWhenTheFiltersChange() {
        state.loaded(60, 20, List.of());

        state.setSearch("web");

        assertEquals(0, state.getFirst());
        assertTrue(state.isFiltered());
        state.setSearch(" ");
        assertFalse(state.isFiltered());
    }

    @Test
    void marksChangesOnTopOfASavedFilterUntilDiscarded() {
        state.choose(5, "web keys", Map.of("name", List.of("web")));
        assertFalse(state.isUnsaved());

        state.setSearch("blue");
        assertTrue(state.isUnsaved());

        state.discardChanges();
        assertFalse(state.isUnsaved());
        assertEquals(Map.of("name", List.of("web")), state.getApplied());
    }

    @Test
    void keepsNameAndActionsVisibleAndRestoresALayout() {
        assertEquals(List.of("name", "group", "status", "actions"), state.getVisibleColumns());

        state.show("name", false);
        state.show("actions", false);
        state.show("group", false);
        state.show("description", true);
        state.reorder(List.of("status", "name", "unknown"));
        state.resize("status", 10);

        assertEquals(List.of("status", "name", "description", "actions"), state.getVisibleColumns());
        assertEquals(40, state.width("status"), "widths are kept within 40-2000 pixels");
        assertEquals(0, state.position("status"));
        TableState elsewhere = new TableState(KEYS);
        elsewhere.restoreColumns(state.getVisibleColumns(), state.getWidths());
        assertEquals(state.getVisibleColumns(), elsewhere.getVisibleColumns());
        assertFalse(elsewhere.visible("group"));
        elsewhere.resetColumns();
        assertEquals(List.of("name", "group", "status", "actions"), elsewhere.getVisibleColumns());
        assertNull(elsewhere.width("status"));
    }

    @Test
    void remembersExpandedRows() {
        state.setExpanded(7L, true);
        state.expandAll(List.of(8L, 9L));
        state.setExpanded(8L, false);

        assertTrue(state.isExpanded(7L) && state.isExpanded(9L));
        assertFalse(state.isExpanded(8L));
        state.collapseAll();
        assertFalse(state.isExpanded(7L));
    }

    private static Map<String, String[]> parameters(String query) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            lists.computeIfAbsent(decode(parts[0]), k -> new java.util.ArrayList<>()).add(decode(parts[1]));
        }
        Map<String, String[]> parameters = new HashMap<>();
        lists.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return parameters;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
