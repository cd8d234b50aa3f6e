package io.keygate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeftoverProcessesTest {

    @TempDir
    Path data;

    @Test
    void readsThePostmasterPidFromTheFirstLine() {
        assertEquals(OptionalLong.of(4242), LeftoverProcesses.postmasterPid(List.of("4242", "/data/postgres", "1700000000")));
        assertEquals(OptionalLong.empty(), LeftoverProcesses.postmasterPid(List.of()));
        assertEquals(OptionalLong.empty(), LeftoverProcesses.postmasterPid(List.of("garbage")));
    }

    @Test
    void matchesAnOptionFollowedByItsValue() {
        List<String> args = List.of("-D", "/data/postgres", "-p", "5432");

        assertTrue(LeftoverProcesses.hasOption(args, "-D", "/data/postgres"));
        assertFalse(LeftoverProcesses.hasOption(args, "-D", "/data/postgres2"));
        assertFalse(LeftoverProcesses.hasOption(args, "-p", "/data/postgres"));
        assertFalse(LeftoverProcesses.hasOption(List.of("-D"), "-D", "/data/postgres"));
    }

    @Test
    void deletesAPidFileWhosePostmasterIsGone() throws IOException {
        Path postgres = Files.createDirectories(data.resolve("postgres"));
        // this test's own PID: alive, but not a postmaster of that directory, like a PID reused after a reboot
        Files.writeString(postgres.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + postgres + "\n");

        LeftoverProcesses.stop(data.resolve("payara-runtime"), postgres);

        assertFalse(Files.exists(postgres.resolve("postmaster.pid")));
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void nothingToDoWithoutAPidFile() throws IOException {
        Path postgres = Files.createDirectories(data.resolve("postgres"));

        LeftoverProcesses.stop(data.resolve("payara-runtime"), postgres);

        assertTrue(Files.isDirectory(postgres));
    }
}
