package io.keygate.launcher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShutdownSequenceTest {

    private final List<String> closed = new ArrayList<>();
    private final ShutdownSequence shutdown = new ShutdownSequence();

    @Test
    void closesNewestFirstSoPayaraStopsBeforeItsDatabase() throws Exception {
        shutdown.start(() -> () -> closed.add("database"));
        shutdown.start(() -> () -> closed.add("payara"));

        shutdown.closeAll();

        assertEquals(List.of("payara", "database"), closed);
    }

    @Test
    void closesEachResourceOnce() throws Exception {
        shutdown.start(() -> () -> closed.add("database"));

        shutdown.closeAll();
        shutdown.closeAll();

        assertEquals(List.of("database"), closed);
    }

    @Test
    void aFailingCloseDoesNotSkipTheRest() throws Exception {
        shutdown.start(() -> () -> closed.add("database"));
        shutdown.start(() -> () -> {
            throw new IllegalStateException("payara hung");
        });

        shutdown.closeAll();

        assertEquals(List.of("database"), closed);
    }

    @Test
    void nothingStartsOnceShuttingDown() {
        shutdown.closeAll();

        assertThrows(IllegalStateException.class, () -> shutdown.start(() -> () -> closed.add("late")));
        assertEquals(List.of(), closed);
    }
}
