package io.keygate.tokens.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** One row of api_token: the token's public id and the keyed hash of its secret, never the secret. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(name = "token_id", nullable = false, updatable = false)
    String tokenId;
    @Column(nullable = false, updatable = false)
    String name;
    @Column(nullable = false, updatable = false)
    String role;
    @Column(name = "pepper_version", nullable = false, updatable = false)
    int pepperVersion;
    @Column(name = "secret_hash", nullable = false, updatable = false)
    byte[] secretHash;
    @Column(name = "ip_allow_list", nullable = false, updatable = false)
    String ipAllowList;
    @Column(name = "expires_at", updatable = false)
    OffsetDateTime expiresAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;
    @Column(name = "last_used_at")
    OffsetDateTime lastUsedAt;
    @Column(name = "last_used_from")
    String lastUsedFrom;
    @Column(name = "revoked_at")
    OffsetDateTime revokedAt;
    @Column(name = "revoked_by")
    String revokedBy;
    @Version
    long version;
}
