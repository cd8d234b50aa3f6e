package io.keygate.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTest {

    @Test
    void quotesAndDoublesSingleQuotes() {
        assertEquals("'abc'", Sql.literal("abc"));
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("''''';DROP ROLE x;--'", Sql.literal("'';DROP ROLE x;--"));
    }

    @Test
    void rejectsNul() {
        assertThrows(IllegalArgumentException.class, () -> Sql.literal("a\0b"));
    }
}
