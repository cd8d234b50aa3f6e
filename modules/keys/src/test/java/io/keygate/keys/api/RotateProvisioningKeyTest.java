package io.keygate.keys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.Names;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotateProvisioningKeyTest {

    @ParameterizedTest
    @CsvSource({
        "laptops, laptops-2",
        "laptops-2, laptops-3",
        "laptops-9, laptops-10",
        "build-2026, build-2027",
        "a.b_c, a.b_c-2",
        "-7, -8",
        "v1.2-beta, v1.2-beta-2",
        "x-1234567890, x-1234567890-2",
    })
    void numbersTheSuccessor(String name, String successor) {
        assertEquals(successor, RotateProvisioningKey.successorName(name));
    }

    @ParameterizedTest
    @CsvSource({"255, x", "254, x", "255, 7"})
    void keepsTheSuccessorOfALongNameWithinTheNameRule(int length, String character) {
        String name = character.repeat(length);

        String successor = RotateProvisioningKey.successorName(name);

        assertTrue(successor.length() <= 255, "length " + successor.length());
        assertTrue(successor.endsWith("-2"), successor);
        assertEquals(successor, Names.requireValidName("name", successor));
    }
}
