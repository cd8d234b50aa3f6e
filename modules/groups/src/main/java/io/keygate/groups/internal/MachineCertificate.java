package io.keygate.groups.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A client certificate issued to a machine at enrollment; only the newest of a machine is ACTIVE. */
@Entity
@Table(name = "machine_certificate")
public class MachineCertificate {

    static final String ACTIVE = "ACTIVE";
    static final String SUPERSEDED = "SUPERSEDED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(name = "machine_id", nullable = false, updatable = false)
    long machineId;
    @Column(name = "signing_certificate_id", nullable = false, updatable = false)
    long signingCertificateId;
    @Column(name = "serial_number", nullable = false, updatable = false)
    String serialNumber;
    @Column(name = "not_before", nullable = false, updatable = false)
    OffsetDateTime notBefore;
    @Column(name = "not_after", nullable = false, updatable = false)
    OffsetDateTime notAfter;
    @Column(name = "certificate_pem", nullable = false, updatable = false)
    String certificatePem;
    @Column(nullable = false)
    String status;
    @Column(name = "issued_at", nullable = false, updatable = false)
    OffsetDateTime issuedAt;
}
