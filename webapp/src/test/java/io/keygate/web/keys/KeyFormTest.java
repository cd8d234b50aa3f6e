package io.keygate.web.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keys.api.CreateProvisioningKey;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.keys.api.UpdateProvisioningKey;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFormTest {

    private static final Instant EXPIRY = Instant.parse("2030-05-06T07:08:09.123456Z");

    @Test
    void sendsAnUntouchedExpiryBackExactlyAsRead() {
        KeyForm form = KeyForm.editing(key(true, EXPIRY));

        UpdateProvisioningKey update = form.toUpdate();

        assertEquals(LocalDateTime.parse("2030-05-06T07:08"), form.getExpiresAt(), "the picker shows whole minutes");
        assertEquals(EXPIRY, update.expiresAt(), "an unchanged expiry must not count as a new one (it may lie in the past)");
        assertEquals(41L, update.version());
        assertEquals(List.of("203.0.113.0/24", "2001:db8::/32"), update.ipAllowList());
    }

    @Test
    void readsAChangedExpiryAsUtc() {
        KeyForm form = KeyForm.editing(key(true, EXPIRY));
        form.setExpiresAt(LocalDateTime.parse("2031-01-02T03:04"));

        assertEquals(Instant.parse("2031-01-02T03:04:00Z"), form.toUpdate().expiresAt());
        form.setExpiresAt(null);
        assertNull(form.toUpdate().expiresAt());
    }

    @Test
    void takesOneCidrPerNonBlankLine() {
        KeyForm form = new KeyForm();
        form.setIpAllowList("  198.51.100.0/24 \r\n\n\t\n2001:db8::/48\n   ");

        assertEquals(List.of("198.51.100.0/24", "2001:db8::/48"), form.ipAllowListEntries());
        form.setIpAllowList(null);
        assertEquals(List.of(), form.ipAllowListEntries());
    }

    @Test
    void locksViewExportOnceItIsOff() {
        assertFalse(KeyForm.editing(key(true, null)).isExportableLocked());
        assertTrue(KeyForm.editing(key(false, null)).isExportableLocked());
        assertTrue(new KeyForm().isExportable(), "a new key is exportable unless the admin unchecks it (K2)");
    }

    @Test
    void createsInTheGroupItIsGiven() {
        KeyForm form = new KeyForm();
        form.setName("kiosks");
        form.setSigningCertificateId(5L);
        form.setMachineGroupId(9L);
        form.setMaxUsage(3);

        CreateProvisioningKey create = form.toCreate(12L);

        assertEquals(12L, create.machineGroupId());
        assertEquals("kiosks", create.name());
        assertEquals(5L, create.signingCertificateId());
        assertEquals(3, create.maxUsage());
        assertTrue(create.enabled() && create.exportable());
        assertFalse(create.allowReEnrollment());
    }

    private static ProvisioningKeySummary key(boolean exportable, Instant expiresAt) {
        return new ProvisioningKeySummary(7, "laptops", "for laptops", 9, 5, true, exportable, false, 10, 2, expiresAt,
                List.of("203.0.113.0/24", "2001:db8::/32"), "0123456789ABCDEF", exportable ? "mpk_0123456789ABCDEF_••••" : null,
                null, EXPIRY, "admin", EXPIRY, "admin", 41, null, null, null);
    }
}
