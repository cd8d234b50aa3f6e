package io.keygate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Payara pre-boot commands. payara/loopback-only.asadmin is used as it is; only when
 * KEYGATE_BIND_ADDRESS asks for another address is a copy with that address written to the data directory.
 */
final class BootCommandFile {

    private static final String LOOPBACK_SETTING = "address=" + LauncherConfig.DEFAULT_BIND_ADDRESS;
    /** Hazelcast off, and sessions kept in memory rather than in the Hazelcast that is not there: two lines. */
    static final String HAZELCAST_OFF = "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false\n"
            + "set configs.config.server-config.availability-service.web-container-availability.persistence-type=memory\n";

    private BootCommandFile() {
    }

    static Path forAddress(Path loopbackOnlyFile, String bindAddress, Path dataDir) throws IOException {
        if (bindAddress.equals(LauncherConfig.DEFAULT_BIND_ADDRESS)) {
            return loopbackOnlyFile;
        }
        Path copy = dataDir.resolve("payara-boot.asadmin");
        Files.writeString(copy, rebind(Files.readString(loopbackOnlyFile, StandardCharsets.UTF_8), bindAddress),
                StandardCharsets.UTF_8);
        return copy;
    }

    /**
     * The commands for a node of {@code ./keygate cluster}: the same, but with Hazelcast on, which the nodes share
     * sessions through (the node's command line keeps it on loopback).
     */
    static Path forClusterNode(Path loopbackOnlyFile, Path dataDir) throws IOException {
        Path copy = dataDir.resolve("payara-cluster-node.asadmin");
        Files.writeString(copy, withHazelcast(Files.readString(loopbackOnlyFile, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        return copy;
    }

    static String withHazelcast(String commands) {
        if (!commands.contains(HAZELCAST_OFF)) {
            throw new IllegalStateException("the boot command file has no lines '" + HAZELCAST_OFF.strip() + "' to leave out");
        }
        return commands.replace(HAZELCAST_OFF, "");
    }

    static String rebind(String commands, String bindAddress) {
        if (!bindAddress.matches("[0-9A-Za-z.:\\-]+")) {
            // the value ends up inside an asadmin command line
            throw new IllegalArgumentException("KEYGATE_BIND_ADDRESS must be an IP address or host name, not '" + bindAddress + "'");
        }
        if (!commands.contains(LOOPBACK_SETTING)) {
            throw new IllegalStateException("the boot command file sets no " + LOOPBACK_SETTING + " to replace");
        }
        return commands.replace(LOOPBACK_SETTING, "address=" + bindAddress);
    }
}
