package io.keygate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.launcher.CommandLine.Command;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void runStartsWithoutDemoData() {
        assertEquals(Optional.of(new CommandLine(Command.RUN, false)), CommandLine.parse("run"));
    }

    @Test
    void demoFlagAsksForDemoData() {
        assertEquals(Optional.of(new CommandLine(Command.RUN, true)), CommandLine.parse("run", "--demo"));
    }

    @Test
    void rotationsTakeNoOptions() {
        assertEquals(Optional.of(new CommandLine(Command.ROTATE_MASTER_KEY, false)), CommandLine.parse("rotate-master-key"));
        assertEquals(Optional.of(new CommandLine(Command.ROTATE_PEPPER, false)), CommandLine.parse("rotate-pepper"));
        assertTrue(CommandLine.parse("rotate-master-key", "--demo").isEmpty());
        assertTrue(CommandLine.parse("rotate-pepper", "now").isEmpty());
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
