package io.keygate.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEventFilterTest {

    @Test
    void readsBackWhatItWrites() {
        AuditEventFilter filter = new AuditEventFilter(Set.of("provisioning_key.create", "sign_in"), Set.of(Outcome.FAILURE), "alice",
                Set.of("provisioning key"), "web", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T12:30:00Z"), "198.51.100");

        Map<String, List<String>> parameters = filter.toParameters();

        assertEquals(List.of("provisioning_key.create", "sign_in"), parameters.get("action"));
        assertEquals(List.of("failure"), parameters.get("outcome"));
        assertEquals(List.of("2026-01-02T12:30:00Z"), parameters.get("occurredTo"));
        assertEquals(filter, AuditEventFilter.parse(parameters, Set.of()));
        assertEquals(Map.of(), AuditEventFilter.none().toParameters());
    }

    @Test
    void takesAUtcDayAsItsStart() {
        AuditEventFilter filter = AuditEventFilter.parse(Map.of("occurredFrom", List.of("2026-03-01")), Set.of());

        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), filter.occurredFrom());
    }

    @Test
    void refusesAnEmptyTimeRangeUnknownNamesAndBadValuesNamingTheFilter() {
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> AuditEventFilter.parse(
                Map.of("occurredFrom", List.of("2026-03-02"), "occurredTo", List.of("2026-03-01")), Set.of()));
        assertEquals("range_empty", empty.id());
        assertEquals(List.of("occurredFrom"), empty.params());
        assertEquals("filter_unknown", assertThrows(InvalidInputException.class,
                () -> AuditEventFilter.parse(Map.of("details", List.of("x")), Set.of())).id());
        assertEquals("choice_invalid", assertThrows(InvalidInputException.class,
                () -> AuditEventFilter.parse(Map.of("outcome", List.of("maybe")), Set.of())).id());
        assertEquals(AuditEventFilter.none(), AuditEventFilter.parse(Map.of("page", List.of("2")), Set.of("page")), "paging is the caller's");
    }
}
