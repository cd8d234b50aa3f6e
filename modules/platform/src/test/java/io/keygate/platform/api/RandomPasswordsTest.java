package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomPasswordsTest {

    @Test
    void makesTwentyUnambiguousCharactersDifferentEachTime() {
        String password = RandomPasswords.generate();
        assertEquals(20, password.length());
        assertTrue(password.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), password);
        assertNotEquals(password, RandomPasswords.generate());
    }
}
