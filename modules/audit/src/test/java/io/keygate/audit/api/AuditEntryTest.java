package io.keygate.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void describesASuccessfulChangeOfOneObject() {
        AuditEntry entry = AuditEntry.success("machine_group.update", "machine group", 42L, "kiosks")
                .withDetails(Map.of("before", Map.of("enabled", true)));

        assertEquals("machine_group.update", entry.action());
        assertEquals("42", entry.resourceId());
        assertEquals(Outcome.SUCCESS, entry.outcome());
        assertEquals(Map.of("before", Map.of("enabled", true)), entry.details());
        assertNull(entry.actorName(), "the audit log fills in the signed-in actor");
    }

    @Test
    void namesTheClaimedActorOfASignInFailure() {
        AuditEntry entry = AuditEntry.failure("sign_in", "bad_credentials").by("mallory", 7L);

        assertEquals(Outcome.FAILURE, entry.outcome());
        assertEquals("bad_credentials", entry.reason());
        assertEquals("mallory", entry.actorName());
        assertEquals(7L, entry.organizationId());
    }

    @Test
    void keepsItsOwnCopyOfTheDetails() {
        Map<String, Object> details = new HashMap<>(Map.of("after", "x"));
        AuditEntry entry = AuditEntry.success("a", "t", 1, "n").withDetails(details);
        details.put("after", "changed later");

        assertEquals("x", entry.details().get("after"));
        assertThrows(UnsupportedOperationException.class, () -> entry.details().put("k", "v"));
    }

    @Test
    void requiresAnActionAndAnOutcome() {
        assertThrows(NullPointerException.class, () -> new AuditEntry(null, null, null, null, Outcome.SUCCESS, null, null, null, null, null));
        assertThrows(NullPointerException.class, () -> new AuditEntry("a", null, null, null, null, null, null, null, null, null));
    }
}
