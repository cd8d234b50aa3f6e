package io.keygate.launcher;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void runStartsWithoutDemoData() {
        assertEquals(Optional.of(new CommandLine(false)), CommandLine.parse("run"));
    }

    @Test
    void demoFlagAsksForDemoData() {
        assertEquals(Optional.of(new CommandLine(true)), CommandLine.parse("run", "--demo"));
    }

    @Test
    void anythingElseIsAUsageError() {
        assertTrue(CommandLine.parse().isEmpty());
        assertTrue(CommandLine.parse("start").isEmpty());
        assertTrue(CommandLine.parse("--demo", "run").isEmpty());
        assertTrue(CommandLine.parse("run", "--demo", "--demo").isEmpty());
        assertTrue(CommandLine.parse("run", "--port=1").isEmpty());
    }

    @Test
    void recognisesHelp() {
        assertTrue(CommandLine.isHelp("--help"));
        assertTrue(CommandLine.isHelp("-h"));
        assertTrue(CommandLine.isHelp("help"));
        assertFalse(CommandLine.isHelp("run"));
    }
}
