package io.keygate.preferences.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.platform.api.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreferenceRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"provisioning-keys", "machine-groups", "a", "audit-events-2"})
    void acceptsTableIds(String table) {
        assertEquals(table, PreferenceRules.table(table));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Keys", "1keys", "-keys", "keys_table", "keys table", "keys/../x"})
    void refusesOtherTableIds(String table) {
        assertRefused("table", () -> PreferenceRules.table(table));
    }

    @Test
    void keepsAnyNameTextTrimmed() {
        assertEquals("<script>alert(1)</script> Ünïcødé ✓", PreferenceRules.name("  <script>alert(1)</script> Ünïcødé ✓ \t"));
        assertEquals("x".repeat(100), PreferenceRules.name("x".repeat(100)));
        assertRefused("name", () -> PreferenceRules.name("   "));
        assertRefused("name", () -> PreferenceRules.name(null));
        assertRefused("name", () -> PreferenceRules.name("x".repeat(101)));
        assertRefused("name", () -> PreferenceRules.name("line\nbreak"));
        assertRefused("name", () -> PreferenceRules.name("nul\0"));
    }

    @Test
    void storesCriteriaAsJsonInAStableOrderAndReadsThemBack() {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        criteria.put("name", List.of("web \"eu\" ✓"));
        criteria.put("machineGroupId", List.of("7", "3"));
        criteria.put("empty", List.of());

        String json = PreferenceRules.criteria(criteria);

        assertEquals("{\"empty\":[],\"machineGroupId\":[\"7\",\"3\"],\"name\":[\"web \\\"eu\\\" ✓\"]}", json);
        assertEquals(criteria, CriteriaJson.read(json));
    }

    @Test
    void refusesMalformedOrOversizedCriteria() {
        assertRefused("criteria", () -> PreferenceRules.criteria(null));
        assertRefused("criteria", () -> PreferenceRules.criteria(Map.of("bad key", List.of("x"))));
        assertRefused("criteria", () -> PreferenceRules.criteria(Map.of("name", Arrays.asList("x", null))));
        assertRefused("criteria", () -> PreferenceRules.criteria(Map.of("name", List.of("x".repeat(256)))));
        assertRefused("criteria", () -> PreferenceRules.criteria(Map.of("name", List.of("nul\0"))));
        assertRefused("criteria", () -> PreferenceRules.criteria(Map.of("id", IntStream.range(0, 101).mapToObj(String::valueOf).toList())));
        Map<String, List<String>> large = new LinkedHashMap<>();
        IntStream.range(0, 40).forEach(i -> large.put("filter" + i, List.of("v".repeat(250))));
        assertRefused("criteria", () -> PreferenceRules.criteria(large));
    }

    @Test
    void checksColumnsAndWidths() {
        assertEquals(List.of("name", "status"), PreferenceRules.columns(List.of("name", "status")));
        assertEquals(List.of(), PreferenceRules.columns(null));
        assertRefused("visibleColumns", () -> PreferenceRules.columns(List.of("name", "name")));
        assertRefused("visibleColumns", () -> PreferenceRules.columns(List.of("last-used")));
        assertRefused("visibleColumns", () -> PreferenceRules.columns(IntStream.range(0, 65).mapToObj(i -> "c" + i).toList()));
        assertEquals(Map.of("name", 40, "status", 2000), PreferenceRules.widths(Map.of("name", 40, "status", 2000)));
        assertRefused("widths", () -> PreferenceRules.widths(Map.of("name", 39)));
        assertRefused("widths", () -> PreferenceRules.widths(Map.of("name", 2001)));
        assertRefused("widths", () -> PreferenceRules.widths(Map.of("na me", 100)));
    }

    @Test
    void writesColumnsAndWidthsThatReadBack() {
        assertEquals(List.of("status", "name"), CriteriaJson.readColumns(CriteriaJson.writeColumns(List.of("status", "name"))));
        assertEquals(Map.of("name", 120, "created", 90), CriteriaJson.readWidths(CriteriaJson.writeWidths(Map.of("name", 120, "created", 90))));
    }

    private static void assertRefused(String field, org.junit.jupiter.api.function.Executable rule) {
        assertEquals(field, assertThrows(InvalidInputException.class, rule).field());
    }
}
