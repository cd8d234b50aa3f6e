package io.keygate.web.tokens;

import io.keygate.platform.api.Role;
import io.keygate.tokens.api.CreateApiToken;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The New API Token dialog's inputs: name, role (read-only unless chosen otherwise), expiry in UTC, allowed sources one per line. */
public class ApiTokenForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private Role role = Role.READ_ONLY;
    private LocalDateTime expiresAt;
    private String ipAllowList;

    CreateApiToken toRequest() {
        List<String> sources = ipAllowList == null ? List.of() : ipAllowList.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        return new CreateApiToken(name == null ? null : name.trim(), role, expiresAt == null ? null : expiresAt.toInstant(ZoneOffset.UTC), sources);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
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
