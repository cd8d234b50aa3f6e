package io.keygate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootCommandFileTest {

    /** The real file, as Payara and the Arquillian tests get it (surefire runs in launcher/). */
    private static final Path LOOPBACK_ONLY = Path.of("../payara/loopback-only.asadmin");

    @TempDir
    Path data;

    @Test
    void loopbackOnlyFileBindsEveryListenerToLoopbackAndTurnsHazelcastOff() throws IOException {
        String commands = Files.readString(LOOPBACK_ONLY);

        assertTrue(commands.contains("network-listener.http-listener.address=127.0.0.1"), commands);
        assertTrue(commands.contains("network-listener.https-listener.address=127.0.0.1"), commands);
        assertTrue(commands.contains("hazelcast-config-specific-configuration.enabled=false"), commands);
    }

    @Test
    void aClusterNodeGetsTheSameCommandsWithHazelcastLeftOn() throws IOException {
        Path node = BootCommandFile.forClusterNode(LOOPBACK_ONLY, data);
        String commands = Files.readString(node);

        assertFalse(commands.contains("hazelcast-config-specific-configuration.enabled"), commands);
        assertFalse(commands.contains("persistence-type=memory"), "the nodes keep their sessions in Hazelcast: " + commands);
        assertTrue(Files.readString(LOOPBACK_ONLY).contains("persistence-type=memory"), "one server keeps them in memory");
        assertEquals(Files.readString(LOOPBACK_ONLY).replace(BootCommandFile.HAZELCAST_OFF, ""), commands);
        assertThrows(IllegalStateException.class, () -> BootCommandFile.withHazelcast("set something=else\n"));
    }

    @Test
    void defaultAddressUsesTheFileAsItIs() throws IOException {
        assertEquals(LOOPBACK_ONLY, BootCommandFile.forAddress(LOOPBACK_ONLY, "127.0.0.1", data));
        try (var files = Files.list(data)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void otherAddressGetsACopyInTheDataDirectory() throws IOException {
        Path copy = BootCommandFile.forAddress(LOOPBACK_ONLY, "127.0.0.2", data);

        assertEquals(data.resolve("payara-boot.asadmin"), copy);
        String commands = Files.readString(copy);
        assertTrue(commands.contains("http-listener.address=127.0.0.2"), commands);
        assertTrue(commands.contains("https-listener.address=127.0.0.2"), commands);
        assertFalse(commands.contains("address=127.0.0.1"), commands);
        assertTrue(commands.contains("hazelcast-config-specific-configuration.enabled=false"), commands);
    }

    @Test
    void rejectsAddressesThatWouldAlterTheCommand() {
        assertThrows(IllegalArgumentException.class,
                () -> BootCommandFile.rebind("set a.address=127.0.0.1", "0.0.0.0\nstop-domain"));
        assertThrows(IllegalArgumentException.class,
                () -> BootCommandFile.rebind("set a.address=127.0.0.1", "1.2.3.4 --x"));
    }

    @Test
    void refusesAFileWithoutTheLoopbackSetting() {
        assertThrows(IllegalStateException.class, () -> BootCommandFile.rebind("set x=y", "127.0.0.2"));
    }
}
