package io.keygate.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineGroupTest {

    @Test
    void auditsExactlyTheEditableFieldsInTheirFormOrder() {
        MachineGroup group = new MachineGroup();
        group.organizationId = 7;
        group.name = "kiosks";
        group.description = "lobby screens";
        group.enabled = false;
        group.version = 3;

        assertEquals(List.of("name", "description", "enabled"), List.copyOf(group.auditedFields().keySet()));
        assertEquals("lobby screens", group.auditedFields().get("description"));
        assertEquals(false, group.auditedFields().get("enabled"));
    }
}
