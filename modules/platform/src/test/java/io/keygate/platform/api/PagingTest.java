package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void parsesAscendingAndDescendingSortKeys() {
        SortOrder byName = SortOrder.parse("name", Set.of("name", "createdAt"));
        SortOrder newestFirst = SortOrder.parse("-createdAt", Set.of("name", "createdAt"));
        assertTrue(byName.ascending());
        assertFalse(newestFirst.ascending());
        assertEquals("createdAt", newestFirst.field());
        assertEquals("-createdAt", newestFirst.toString());
    }

    @Test
    void refusesUnknownSortFieldsNamingTheAllowedOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SortOrder.parse("-password", Set.of("name", "createdAt")));
        assertEquals("sort", e.field());
        assertEquals("Cannot sort by 'password'. Sortable fields: createdAt, name.", e.reason());
    }

    @Test
    void boundsPageAndPageSize() {
        assertEquals(40, new PageRequest(3, 20, List.of()).offset());
        assertThrows(InvalidInputException.class, () -> new PageRequest(0, 20, List.of()));
        assertThrows(InvalidInputException.class, () -> new PageRequest(1, 501, List.of()));
        assertThrows(InvalidInputException.class, () -> new PageRequest(1, 0, List.of()));
        assertEquals("page", assertThrows(InvalidInputException.class, () -> new PageRequest(4_294_969, 500, List.of())).field());
        int lastPage = Integer.MAX_VALUE / 500 + 1;
        assertEquals(2_147_483_500, new PageRequest(lastPage, 500, List.of()).offset());
        assertThrows(InvalidInputException.class, () -> new PageRequest(lastPage + 1, 500, List.of()));
    }

    @Test
    void countsPagesRoundingUp() {
        assertEquals(0, new Page<>(List.of(), 1, 20, 0).totalPages());
        assertEquals(1, new Page<>(List.of(), 1, 20, 20).totalPages());
        assertEquals(2, new Page<>(List.of(), 1, 20, 21).totalPages());
    }

    @Test
    void givesTheBestTotalKnownForAPage() {
        PageRequest third = new PageRequest(3, 20, List.of());
        List<String> rows = List.of("a", "b");

        Page<String> counted = CriteriaPages.page(rows, third, new CriteriaPages.Total(42, true), false);
        assertEquals(42, counted.totalCount());
        assertTrue(counted.totalCountExact());

        Page<String> lastPastTheBound = CriteriaPages.page(rows, third, new CriteriaPages.Total(10, false), false);
        assertEquals(42, lastPastTheBound.totalCount(), "the list ended on this page: its rows tell the total");
        assertTrue(lastPastTheBound.totalCountExact());

        Page<String> morePastTheBound = CriteriaPages.page(List.of("a"), new PageRequest(1, 1, List.of()), new CriteriaPages.Total(10, false), true);
        assertEquals(10, morePastTheBound.totalCount(), "the counted bound, while the rows read are fewer");
        assertFalse(morePastTheBound.totalCountExact());

        Page<String> deepPastTheBound = CriteriaPages.page(rows, new PageRequest(100, 20, List.of()), new CriteriaPages.Total(10, false), true);
        assertEquals(1_982, deepPastTheBound.totalCount(), "the rows up to this page, more following");
        assertFalse(deepPastTheBound.totalCountExact());
    }
}
