package io.keygate.keys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keys.api.ProvisioningKeyFilter.UsageState;
import io.keygate.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvisioningKeyFilterTest {

    private static final Set<String> PAGING = Set.of("page", "pageSize", "sort");

    @Test
    void readsBackWhatItWrites() {
        ProvisioningKeyFilter filter = new ProvisioningKeyFilter("web", "blue", Set.of(3L, 9L), false, Set.of(5L), true, false,
                Set.of(UsageState.UNUSED, UsageState.EXHAUSTED), Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                Set.of("alice"), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));

        Map<String, List<String>> parameters = filter.toParameters();

        assertEquals(List.of("exhausted", "unused"), parameters.get("usage"));
        assertEquals(PARAMETER_NAMES, parameters.keySet());
        assertEquals(filter, ProvisioningKeyFilter.parse(parameters, PAGING));
    }

    private static final Set<String> PARAMETER_NAMES = ProvisioningKeyFilter.PARAMETERS;

    @Test
    void isEmptyWithoutFiltersAndIgnoresPaging() {
        ProvisioningKeyFilter filter = ProvisioningKeyFilter.parse(Map.of("page", List.of("3"), "sort", List.of("-name")), PAGING);

        assertEquals(ProvisioningKeyFilter.none(), filter);
        assertTrue(filter.isEmpty());
    }

    @Test
    void refusesEmptyRanges() {
        InvalidInputException expiry = assertThrows(InvalidInputException.class, () -> ProvisioningKeyFilter.parse(
                Map.of("expiresAfter", List.of("2030-02-01"), "expiresBefore", List.of("2030-01-01")), PAGING));
        InvalidInputException created = assertThrows(InvalidInputException.class, () -> ProvisioningKeyFilter.parse(
                Map.of("createdFrom", List.of("2030-02-01"), "createdTo", List.of("2030-02-01")), PAGING));

        assertEquals("expiresAfter", expiry.field());
        assertEquals("createdFrom", created.field());
    }
}
