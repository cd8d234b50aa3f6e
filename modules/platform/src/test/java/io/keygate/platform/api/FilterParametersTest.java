package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterParametersTest {

    private static final Set<String> KNOWN = Set.of("name", "enabled", "groupId", "from", "state");
    private static final Set<String> PAGING = Set.of("page", "sort");

    private enum State { ON, OFF }

    @Test
    void readsEachKindAndSkipsThePagingParameters() {
        FilterParameters p = FilterParameters.of(Map.of("name", List.of(" web "), "enabled", List.of("false"), "groupId", List.of("3", "7", "3"),
                "from", List.of("2030-01-31"), "state", List.of("on", "OFF"), "page", List.of("2"), "sort", List.of("-name")), KNOWN, PAGING);

        assertEquals("web", p.text("name"));
        assertEquals(Boolean.FALSE, p.bool("enabled"));
        assertEquals(Set.of(3L, 7L), p.ids("groupId"));
        assertEquals(Instant.parse("2030-01-31T00:00:00Z"), p.instant("from"));
        assertEquals(Set.of(State.ON, State.OFF), p.choices("state", State.class));
    }

    @Test
    void treatsBlankValuesAsNoFilter() {
        FilterParameters p = FilterParameters.of(Map.of("name", List.of("  "), "groupId", List.of("")), KNOWN, PAGING);

        assertNull(p.text("name"));
        assertNull(p.bool("enabled"));
        assertEquals(Set.of(), p.ids("groupId"));
    }

    @Test
    void refusesMalformedValuesNamingTheParameter() {
        assertRefused("filter_unknown", "colour", Map.of("colour", List.of("blue")));
        assertRefused("boolean_invalid", "enabled", Map.of("enabled", List.of("yes")));
        assertRefused("id_invalid", "groupId", Map.of("groupId", List.of("3", "x")));
        assertRefused("id_invalid", "groupId", Map.of("groupId", List.of("-4")));
        assertRefused("instant_invalid", "from", Map.of("from", List.of("31.01.2030")));
        assertRefused("choice_invalid", "state", Map.of("state", List.of("maybe")));
        assertRefused("filter_single_value", "name", Map.of("name", List.of("a", "b")));
        assertRefused("filter_invalid", "name", Map.of("name", List.of("we\0b")));
        assertRefused("filter_too_long", "name", Map.of("name", List.of("x".repeat(256))));
        assertRefused("filter_too_many_values", "groupId", Map.of("groupId", java.util.stream.IntStream.rangeClosed(1, 101)
                .mapToObj(String::valueOf).toList()));
    }

    @Test
    void writesWhatItReadsBack() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, List<String>> written = new FilterParameters.Writer().add("name", "web").add("enabled", true).add("state", State.OFF)
                .addAll("groupId", Set.of(7L, 3L)).add("from", at).add("empty", "").add("none", null).addAll("nothing", Set.of()).build();

        assertEquals(List.of("name", "enabled", "state", "groupId", "from"), List.copyOf(written.keySet()));
        assertEquals(List.of("3", "7"), written.get("groupId"));
        FilterParameters p = FilterParameters.of(written, KNOWN, PAGING);
        assertEquals(at, p.instant("from"));
        assertEquals(Set.of(State.OFF), p.choices("state", State.class));
    }

    private static void assertRefused(String id, String field, Map<String, List<String>> parameters) {
        InvalidInputException refusal = assertThrows(InvalidInputException.class, () -> {
            FilterParameters p = FilterParameters.of(parameters, KNOWN, PAGING);
            p.text("name");
            p.bool("enabled");
            p.ids("groupId");
            p.instant("from");
            p.choices("state", State.class);
        });
        assertEquals(id, refusal.id());
        assertEquals(field, refusal.field());
    }
}
