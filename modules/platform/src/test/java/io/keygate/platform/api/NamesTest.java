package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Linux-Servers_2.prod", "0"})
    void acceptsLettersDigitsDotDashUnderscore(String name) {
        assertEquals(name, Names.requireValidName("name", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "semi;colon", "<img>", "ümlaut", "tab\there"})
    void refusesOtherCharactersNamingFieldAndRule(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Names.requireValidName("name", name));
        assertEquals("name_invalid", e.id());
        assertEquals("name", e.field());
        assertEquals("The name may contain only letters A-Z and a-z, digits, '.', '-' and '_'.", e.reason());
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertEquals("name_required", assertThrows(InvalidInputException.class, () -> Names.requireValidName("name", "")).id());
        assertEquals("name_required", assertThrows(InvalidInputException.class, () -> Names.requireValidName("name", null)).id());
        assertEquals("a".repeat(255), Names.requireValidName("name", "a".repeat(255)));
        assertEquals("name_too_long", assertThrows(InvalidInputException.class, () -> Names.requireValidName("name", "a".repeat(256))).id());
    }

    @Test
    void keepsDescriptionsVerbatimAndBoundsTheirLength() {
        String payload = "\"/><img src=x onerror=alert(document.cookie)>";
        assertEquals(payload, Names.requireValidDescription("description", payload));
        assertEquals("", Names.requireValidDescription("description", null));
        assertThrows(InvalidInputException.class, () -> Names.requireValidDescription("description", "x".repeat(4097)));
    }
}
