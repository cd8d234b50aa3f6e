package io.keygate.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.platform.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    @Test
    void acceptsEmailLikeUsernames() {
        assertEquals("jane.doe@example", AccountRules.requireValidUsername("username", "jane.doe@example"));
    }

    @Test
    void refusesUsernamesWithSpacesOrMarkup() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AccountRules.requireValidUsername("username", "<b>x</b>"));
        assertEquals("username", e.field());
        assertEquals("username_invalid", e.id());
    }

    @Test
    void requiresTwelveCharacterPasswords() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AccountRules.requireValidPassword("password", "short"));
        assertEquals("password_too_short", e.id());
        assertEquals("The password must be at least 12 characters long.", e.reason());
        assertEquals("twelve chars", AccountRules.requireValidPassword("password", "twelve chars"));
    }
}
