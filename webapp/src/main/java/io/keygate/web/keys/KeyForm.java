package io.keygate.web.keys;

import io.keygate.keys.api.CreateProvisioningKey;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.keys.api.UpdateProvisioningKey;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The fields of a key being added (wizard) or edited (dialog), held between requests. It never holds the
 * key's value. Expiry is edited as a UTC wall-clock time; the IP allow-list as text, one CIDR per line.
 */
public class KeyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private Long version;
    private boolean exportableWhenRead = true;
    private Long machineGroupId;
    private Long signingCertificateId;
    private String name;
    private String description;
    private boolean enabled = true;
    private boolean allowReEnrollment;
    private boolean exportable = true;
    private Integer maxUsage;
    private LocalDateTime expiresAt;
    private Instant expiresAtWhenRead;
    private String ipAllowList;

    static KeyForm editing(ProvisioningKeySummary key) {
        KeyForm form = new KeyForm();
        form.id = key.id();
        form.version = key.version();
        form.exportableWhenRead = key.exportable();
        form.machineGroupId = key.machineGroupId();
        form.signingCertificateId = key.signingCertificateId();
        form.name = key.name();
        form.description = key.description();
        form.enabled = key.enabled();
        form.allowReEnrollment = key.allowReEnrollment();
        form.exportable = key.exportable();
        form.maxUsage = key.maxUsage();
        form.expiresAtWhenRead = key.expiresAt();
        form.expiresAt = key.expiresAt() == null ? null : minutes(key.expiresAt());
        form.ipAllowList = String.join("\n", key.ipAllowList());
        return form;
    }

    CreateProvisioningKey toCreate(Long groupId) {
        return new CreateProvisioningKey(name, description, groupId, signingCertificateId, enabled, exportable,
                allowReEnrollment, maxUsage, expiry(), ipAllowListEntries());
    }

    UpdateProvisioningKey toUpdate() {
        return new UpdateProvisioningKey(name, description, signingCertificateId, enabled, exportable, allowReEnrollment,
                maxUsage, expiry(), ipAllowListEntries(), version);
    }

    /** The expiry as entered; an untouched one is sent back exactly as read (the picker shows whole minutes). */
    private Instant expiry() {
        if (expiresAt == null) {
            return null;
        }
        if (expiresAtWhenRead != null && expiresAt.equals(minutes(expiresAtWhenRead))) {
            return expiresAtWhenRead;
        }
        return expiresAt.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime minutes(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    }

    /** The non-blank lines of the allow-list box, trimmed; the keys module checks each one. */
    List<String> ipAllowListEntries() {
        return ipAllowList == null ? List.of() : ipAllowList.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    public Long getId() {
        return id;
    }

    /** View/Export can only be turned off (K10): once it is off, the checkbox is locked. */
    public boolean isExportableLocked() {
        return !exportableWhenRead;
    }

    public Long getMachineGroupId() {
        return machineGroupId;
    }

    public void setMachineGroupId(Long machineGroupId) {
        this.machineGroupId = machineGroupId;
    }

    public Long getSigningCertificateId() {
        return signingCertificateId;
    }

    public void setSigningCertificateId(Long signingCertificateId) {
        this.signingCertificateId = signingCertificateId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAllowReEnrollment() {
        return allowReEnrollment;
    }

    public void setAllowReEnrollment(boolean allowReEnrollment) {
        this.allowReEnrollment = allowReEnrollment;
    }

    public boolean isExportable() {
        return exportable;
    }

    public void setExportable(boolean exportable) {
        this.exportable = exportable;
    }

    public Integer getMaxUsage() {
        return maxUsage;
    }

    public void setMaxUsage(Integer maxUsage) {
        this.maxUsage = maxUsage;
    }

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDateTime expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getIpAllowList() {
        return ipAllowList;
    }

    public void setIpAllowList(String ipAllowList) {
        this.ipAllowList = ipAllowList;
    }
}
