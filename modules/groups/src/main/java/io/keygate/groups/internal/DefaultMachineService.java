package io.keygate.groups.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineStatus;
import io.keygate.groups.api.MachineSummary;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.Predicate;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class DefaultMachineService implements MachineService {

    static final String RESOURCE = "machine";

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;

    @Override
    public long forEach(MachineFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<MachineSummary> each) throws IOException {
        long organization = currentActor.get().requireOrganization();
        List<SortOrder> ordered = sort.isEmpty() ? List.of(new SortOrder("hostname", true)) : sort;
        return CriteriaPages.forEachBatch(em, Machine.class, matching(organization, filter), ordered, 1_000, machines -> {
            Map<Long, MachineCertificate> certificates = newestCertificates(machines.stream().map(m -> m.id).toList());
            for (Machine machine : machines) {
                each.handle(toSummary(machine, certificates.get(machine.id)));
            }
        });
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MachineSummary> list(MachineFilter filter, PageRequest page) {
        long organization = currentActor.get().requireOrganization();
        // by hostname unless asked otherwise; every order ends with the id
        PageRequest ordered = page.sort().isEmpty() ? new PageRequest(page.page(), page.pageSize(), List.of(new SortOrder("hostname", true))) : page;
        CriteriaPages.Filter<Machine> matching = matching(organization, filter);
        List<Machine> machines = CriteriaPages.page(em, Machine.class, matching, ordered);
        Map<Long, MachineCertificate> certificates = newestCertificates(machines.stream().map(m -> m.id).toList());
        return new Page<>(machines.stream().map(m -> toSummary(m, certificates.get(m.id))).toList(), page.page(), page.pageSize(),
                CriteriaPages.count(em, Machine.class, matching));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public MachineSummary get(long id) {
        Machine machine = find(id, currentActor.get().requireOrganization());
        return toSummary(machine, newestCertificates(List.of(machine.id)).get(machine.id));
    }

    @Override
    public void remove(long id) {
        Machine machine = find(id, currentActor.get().requireAdministrator());
        if (Machine.REMOVED.equals(machine.status)) {
            return;
        }
        machine.status = Machine.REMOVED;
        machine.removedAt = Timestamps.now();
        int revoked = em.createQuery("UPDATE MachineCertificate c SET c.status = 'REVOKED' WHERE c.machineId = :machine AND c.status <> 'REVOKED'")
                .setParameter("machine", machine.id).executeUpdate();
        audit.record(AuditEntry.success("machine.remove", RESOURCE, machine.id, machine.hostname)
                .withDetails(Map.of("fingerprint", machine.fingerprint, "machineGroupId", machine.machineGroupId, "certificatesRevoked", revoked)));
    }

    private Machine find(long id, long organization) {
        Machine machine = em.find(Machine.class, id);
        if (machine == null || machine.organizationId != organization) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return machine;
    }

    private Map<Long, MachineCertificate> newestCertificates(List<Long> machineIds) {
        Map<Long, MachineCertificate> newest = new HashMap<>();
        if (machineIds.isEmpty()) {
            return newest;
        }
        em.createQuery("SELECT c FROM MachineCertificate c WHERE c.machineId IN :machines ORDER BY c.id DESC", MachineCertificate.class)
                .setParameter("machines", machineIds).getResultStream().forEach(c -> newest.putIfAbsent(c.machineId, c));
        return newest;
    }

    private static CriteriaPages.Filter<Machine> matching(long organization, MachineFilter filter) {
        return (cb, query, machine) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(machine.get("organizationId"), organization));
            if (!filter.machineGroupIds().isEmpty()) {
                where.add(machine.get("machineGroupId").in(filter.machineGroupIds()));
            }
            if (!filter.provisioningKeyIds().isEmpty()) {
                where.add(machine.get("provisioningKeyId").in(filter.provisioningKeyIds()));
            }
            if (filter.hostname() != null && !filter.hostname().isBlank()) {
                where.add(cb.like(cb.lower(machine.get("hostname")), LikePatterns.containing(filter.hostname()), LikePatterns.ESCAPE));
            }
            if (!filter.status().isEmpty()) {
                where.add(machine.get("status").in(filter.status().stream().map(MachineStatus::name).toList()));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                String pattern = LikePatterns.containing(filter.search());
                where.add(cb.or(cb.like(cb.lower(machine.get("hostname")), pattern, LikePatterns.ESCAPE),
                        cb.like(cb.lower(machine.get("fingerprint")), pattern, LikePatterns.ESCAPE)));
            }
            return where;
        };
    }

    private static MachineSummary toSummary(Machine m, MachineCertificate certificate) {
        return new MachineSummary(m.id, m.machineGroupId, m.provisioningKeyId, m.hostname, m.fingerprint, m.os, MachineStatus.valueOf(m.status),
                Timestamps.instant(m.enrolledAt), Timestamps.instant(m.reEnrolledAt), Timestamps.instant(m.removedAt),
                certificate == null ? null : certificate.serialNumber, certificate == null ? null : Timestamps.instant(certificate.notAfter),
                certificate == null ? null : certificate.status, m.version);
    }
}
