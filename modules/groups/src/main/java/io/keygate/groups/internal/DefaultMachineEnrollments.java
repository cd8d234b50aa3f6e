package io.keygate.groups.internal;

import io.keygate.groups.api.MachineEnrollments;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Optional;

@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DefaultMachineEnrollments implements MachineEnrollments {

    @PersistenceContext(unitName = "keygate")
    EntityManager em;

    @Override
    public Optional<EnrollmentGroup> group(long organizationId, long machineGroupId) {
        MachineGroup group = em.find(MachineGroup.class, machineGroupId);
        return group == null || group.organizationId != organizationId ? Optional.empty()
                : Optional.of(new EnrollmentGroup(group.id, group.name, group.enabled));
    }

    @Override
    public Optional<Long> activeMachine(long organizationId, long provisioningKeyId, String fingerprint) {
        return em.createQuery("SELECT m.id FROM Machine m WHERE m.organizationId = :organization AND m.provisioningKeyId = :key "
                        + "AND m.fingerprint = :fingerprint AND m.status = 'ACTIVE'", Long.class)
                .setParameter("organization", organizationId).setParameter("key", provisioningKeyId).setParameter("fingerprint", fingerprint)
                .getResultStream().findFirst();
    }

    @Override
    public long enroll(NewMachine request, IssuedCertificate certificate) {
        Machine machine = new Machine();
        machine.organizationId = request.organizationId();
        machine.machineGroupId = request.machineGroupId();
        machine.provisioningKeyId = request.provisioningKeyId();
        machine.hostname = request.hostname();
        machine.fingerprint = request.fingerprint();
        machine.os = request.os();
        machine.status = Machine.ACTIVE;
        machine.enrolledAt = Timestamps.now();
        em.persist(machine);
        em.flush();
        store(machine, certificate, machine.enrolledAt);
        return machine.id;
    }

    @Override
    public void reEnroll(long organizationId, long machineId, String hostname, String os, IssuedCertificate certificate) {
        Machine machine = em.find(Machine.class, machineId);
        if (machine == null || machine.organizationId != organizationId || !Machine.ACTIVE.equals(machine.status)) {
            throw new IllegalStateException("Machine " + machineId + " is not an active machine of organisation " + organizationId);
        }
        OffsetDateTime now = Timestamps.now();
        machine.hostname = hostname;
        machine.os = os;
        machine.reEnrolledAt = now;
        em.createQuery("UPDATE MachineCertificate c SET c.status = 'SUPERSEDED' WHERE c.machineId = :machine AND c.status = 'ACTIVE'")
                .setParameter("machine", machineId).executeUpdate();
        store(machine, certificate, now);
    }

    private void store(Machine machine, IssuedCertificate issued, OffsetDateTime now) {
        MachineCertificate certificate = new MachineCertificate();
        certificate.organizationId = machine.organizationId;
        certificate.machineId = machine.id;
        certificate.signingCertificateId = issued.signingCertificateId();
        certificate.serialNumber = issued.serialNumber();
        certificate.notBefore = Timestamps.of(issued.notBefore());
        certificate.notAfter = Timestamps.of(issued.notAfter());
        certificate.certificatePem = issued.pem();
        certificate.status = MachineCertificate.ACTIVE;
        certificate.issuedAt = now;
        em.persist(certificate);
    }
}
