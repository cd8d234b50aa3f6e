package io.keygate.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MachineGroupQueriesTest {

    @Test
    void escapesLikeWildcardsSoTheyMatchLiterally() {
        assertEquals("linux\\_servers\\%", MachineGroupQueries.escapeLike("linux_servers%"));
        assertEquals("a\\\\b", MachineGroupQueries.escapeLike("a\\b"));
        assertEquals("plain", MachineGroupQueries.escapeLike("plain"));
    }
}
