package io.keygate.certificates.internal;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.OrganizationCreated;
import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.CertificateUsage;
import io.keygate.certificates.api.CreateSigningCertificate;
import io.keygate.certificates.api.KeyAlgorithm;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.certificates.internal.CertificateAuthorities.Issued;
import io.keygate.keymaterial.api.EncryptedSecret;
import io.keygate.keymaterial.api.EncryptionContext;
import io.keygate.keymaterial.api.SecretVault;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.Names;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class DefaultSigningCertificateService implements SigningCertificateService {

    static final String RESOURCE = "signing certificate";

    private final CertificateAuthorities authorities = new CertificateAuthorities();

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;
    @Inject
    OrganizationScope organizations;
    @Inject
    SecretVault vault;
    @Inject
    AccountService accounts;
    @Inject
    Instance<CertificateUsage> usage;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SigningCertificateSummary> list(SigningCertificateFilter filter, PageRequest page) {
        long organization = currentActor.get().requireOrganization();
        SigningCertificateQueries queries = new SigningCertificateQueries(em);
        List<SigningCertificateSummary> list = queries.page(organization, filter, page).stream()
                .map(certificate -> toSummary(certificate, keysUsing(certificate)))
                .toList();
        return new Page<>(list, page.page(), page.pageSize(), queries.count(organization, filter));
    }

    @Override
    public long forEach(SigningCertificateFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<SigningCertificateSummary> each)
            throws IOException {
        long organization = currentActor.get().requireOrganization();
        // an organisation has a handful of CAs: one count of their keys per certificate is cheap enough here
        return new SigningCertificateQueries(em).forEach(organization, filter, sort,
                certificate -> each.handle(toSummary(certificate, keysUsing(certificate))));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public SigningCertificateSummary get(long id) {
        SigningCertificate certificate = find(id, currentActor.get().requireOrganization());
        return toSummary(certificate, keysUsing(certificate));
    }

    @Override
    public SigningCertificateSummary create(CreateSigningCertificate request) {
        Actor actor = currentActor.get();
        long organization = actor.requireAdministrator();
        String name = Names.requireValidName("name", request.name());
        String description = Names.requireValidDescription("description", request.description());
        if (request.type() == null) {
            throw new InvalidInputException("type_required", "type", "The type (ROOT or INTERMEDIATE) is required.");
        }
        if (request.type() == CertificateType.ROOT && request.parentId() != null) {
            throw new InvalidInputException("parent_not_allowed", "parentId", "A root certificate signs itself: leave parentId empty.");
        }
        KeyAlgorithm algorithm = request.keyAlgorithm() == null ? KeyAlgorithm.ECDSA_P256 : request.keyAlgorithm();
        SigningCertificate certificate = request.type() == CertificateType.ROOT
                ? issueRoot(organization, name, algorithm)
                : issueIntermediate(organization, name, requireParent(request, organization), algorithm);
        certificate.description = description;
        store(certificate, actor.username());
        audit.record(AuditEntry.success("signing_certificate.create", RESOURCE, certificate.id, certificate.name)
                .withDetails(Map.of("after", Map.of("type", certificate.type.name(), "keyAlgorithm", algorithm.name(),
                        "subject", certificate.subject, "fingerprintSha256", certificate.fingerprintSha256))));
        return toSummary(certificate, 0);
    }

    @Override
    public void delete(long id) {
        SigningCertificate certificate = find(id, currentActor.get().requireAdministrator());
        long keys = keysUsing(certificate);
        if (keys > 0) {
            throw new ConflictException("certificate_in_use", "The signing certificate '" + certificate.name + "' is used by "
                    + keys + " provisioning key(s).", List.of(certificate.name, "keys", String.valueOf(keys)));
        }
        List<String> children = em.createQuery("SELECT c.name FROM SigningCertificate c WHERE c.parentId = :id ORDER BY c.name", String.class)
                .setParameter("id", certificate.id).getResultList();
        if (!children.isEmpty()) {
            throw new ConflictException("certificate_in_use", "The signing certificate '" + certificate.name
                    + "' signed other certificates: " + String.join(", ", children) + ". Delete them first.",
                    List.of(certificate.name, "certificates", String.join(",", children)));
        }
        em.remove(certificate);
        try {
            em.flush();
        } catch (OptimisticLockException deletedMeanwhile) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        audit.record(AuditEntry.success("signing_certificate.delete", RESOURCE, certificate.id, certificate.name)
                .withDetails(Map.of("before", Map.of("type", certificate.type.name(), "fingerprintSha256", certificate.fingerprintSha256))));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public String pem(long id) {
        return find(id, currentActor.get().requireOrganization()).certificatePem;
    }

    /** Every organisation starts with two CAs, in the transaction that creates it: Root, and Client signed by Root. */
    void createDefaults(@Observes OrganizationCreated organizationCreated) {
        organizations.run(organizationCreated.organizationId(), () -> createDefaultsOf(organizationCreated.organizationId()));
    }

    private void createDefaultsOf(long organization) {
        String createdBy = currentActor.find().map(Actor::username).orElse("system");
        SigningCertificate root = issueRoot(organization, "Root", KeyAlgorithm.ECDSA_P256);
        root.description = "Root enrollment CA created with the organisation";
        store(root, createdBy);
        SigningCertificate client = issueIntermediate(organization, "Client", root, KeyAlgorithm.ECDSA_P256);
        client.description = "Signs the certificates of enrolled machines; signed by Root";
        store(client, createdBy);
        for (SigningCertificate certificate : List.of(root, client)) {
            audit.record(AuditEntry.success("signing_certificate.create", RESOURCE, certificate.id, certificate.name)
                    .withDetails(Map.of("after", Map.of("type", certificate.type.name(), "fingerprintSha256", certificate.fingerprintSha256)))
                    .inOrganization(organization));
        }
    }

    private SigningCertificate issueRoot(long organization, String name, KeyAlgorithm algorithm) {
        Issued issued = authorities.root(name, accounts.organizationName(organization), algorithm, Timestamps.now().toInstant());
        return sealed(organization, name, CertificateType.ROOT, null, algorithm, issued);
    }

    private SigningCertificate issueIntermediate(long organization, String name, SigningCertificate parent, KeyAlgorithm algorithm) {
        Issued parentCa = new Issued(CertificateAuthorities.parsePem(parent.certificatePem), unsealedKey(parent));
        Issued issued = authorities.intermediate(name, accounts.organizationName(organization), algorithm, parentCa, Timestamps.now().toInstant());
        return sealed(organization, name, CertificateType.INTERMEDIATE, parent.id, algorithm, issued);
    }

    private SigningCertificate sealed(long organization, String name, CertificateType type, Long parentId, KeyAlgorithm algorithm, Issued issued) {
        X509Certificate x509 = issued.certificate();
        SigningCertificate certificate = new SigningCertificate();
        certificate.organizationId = organization;
        certificate.name = name;
        certificate.type = type;
        certificate.parentId = parentId;
        certificate.keyAlgorithm = algorithm;
        certificate.subject = x509.getSubjectX500Principal().getName();
        certificate.serialNumber = x509.getSerialNumber().toString(16);
        certificate.validFrom = OffsetDateTime.ofInstant(x509.getNotBefore().toInstant(), ZoneOffset.UTC);
        certificate.validTo = OffsetDateTime.ofInstant(x509.getNotAfter().toInstant(), ZoneOffset.UTC);
        certificate.fingerprintSha256 = CertificateAuthorities.sha256Fingerprint(x509);
        certificate.certificatePem = CertificateAuthorities.pem(x509);
        byte[] pkcs8 = issued.privateKey().getEncoded();
        try {
            certificate.privateKeyCiphertext = vault.seal(context(certificate), pkcs8).bytes();
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return certificate;
    }

    private PrivateKey unsealedKey(SigningCertificate certificate) {
        return unsealedKey(vault, certificate);
    }

    static PrivateKey unsealedKey(SecretVault vault, SigningCertificate certificate) {
        byte[] pkcs8 = vault.open(context(certificate), new EncryptedSecret(certificate.privateKeyCiphertext));
        try {
            return CertificateAuthorities.privateKey(pkcs8, certificate.keyAlgorithm);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static PrivateKey unsealedKey(SecretVault vault, SigningCertificate certificate, Provider provider) {
        byte[] pkcs8 = vault.open(context(certificate), new EncryptedSecret(certificate.privateKeyCiphertext));
        try {
            return CertificateAuthorities.privateKey(pkcs8, certificate.keyAlgorithm, provider);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The sealed private key opens only for this organisation and this certificate's fingerprint. */
    private static EncryptionContext context(SigningCertificate certificate) {
        return new EncryptionContext(certificate.organizationId, "signing-certificate:" + certificate.fingerprintSha256);
    }

    private SigningCertificate requireParent(CreateSigningCertificate request, long organization) {
        if (request.parentId() == null) {
            throw new InvalidInputException("parent_required", "parentId", "An intermediate certificate needs the certificate that signs it.");
        }
        SigningCertificate parent = em.find(SigningCertificate.class, request.parentId());
        if (parent == null || parent.organizationId != organization) {
            throw new InvalidInputException("parent_unknown", "parentId", "No signing certificate exists with id " + request.parentId() + ".");
        }
        if (parent.type == CertificateType.INTERMEDIATE) {
            throw new InvalidInputException("parent_not_root", "parentId",
                    "The signing certificate '" + parent.name + "' is an intermediate and may not sign other CAs; choose a root.");
        }
        return parent;
    }

    private void store(SigningCertificate certificate, String createdBy) {
        certificate.createdAt = Timestamps.now();
        certificate.createdBy = createdBy;
        boolean taken = !em.createQuery("SELECT c.id FROM SigningCertificate c WHERE c.organizationId = :organization AND LOWER(c.name) = LOWER(:name)", Long.class)
                .setParameter("organization", certificate.organizationId).setParameter("name", certificate.name)
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw ConflictException.duplicateName(RESOURCE, certificate.name);
        }
        try {
            em.persist(certificate);
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw ConflictException.duplicateName(RESOURCE, certificate.name);
            }
            throw e;
        }
    }

    private SigningCertificate find(long id, long organization) {
        SigningCertificate certificate = em.find(SigningCertificate.class, id);
        if (certificate == null || certificate.organizationId != organization) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return certificate;
    }

    private long keysUsing(SigningCertificate certificate) {
        return usage.isResolvable() ? usage.get().keysUsing(certificate.organizationId, certificate.id) : 0;
    }

    private static SigningCertificateSummary toSummary(SigningCertificate c, long keyCount) {
        return new SigningCertificateSummary(c.id, c.name, c.description, c.type, c.parentId, c.keyAlgorithm, c.subject,
                c.serialNumber, Timestamps.instant(c.validFrom), Timestamps.instant(c.validTo), c.fingerprintSha256, keyCount,
                Timestamps.instant(c.createdAt), c.createdBy);
    }
}
