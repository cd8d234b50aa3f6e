package io.keygate.certificates.internal;

import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.KeyAlgorithm;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

@Entity
@Table(name = "signing_certificate")
public class SigningCertificate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(nullable = false)
    String name;
    @Column(nullable = false)
    String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    CertificateType type;
    @Column(name = "parent_id", updatable = false)
    Long parentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "key_algorithm", nullable = false, updatable = false)
    KeyAlgorithm keyAlgorithm;
    @Column(nullable = false, updatable = false)
    String subject;
    @Column(name = "serial_number", nullable = false, updatable = false)
    String serialNumber;
    @Column(name = "valid_from", nullable = false, updatable = false)
    OffsetDateTime validFrom;
    @Column(name = "valid_to", nullable = false, updatable = false)
    OffsetDateTime validTo;
    @Column(name = "fingerprint_sha256", nullable = false, updatable = false)
    String fingerprintSha256;
    @Column(name = "certificate_pem", nullable = false, updatable = false)
    String certificatePem;
    @Column(name = "private_key_ciphertext", nullable = false, updatable = false)
    byte[] privateKeyCiphertext;
    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;
    @Version
    long version;

    @Override
    public String toString() {
        return "SigningCertificate[" + id + ", " + name + ", private key encrypted]";
    }
}
