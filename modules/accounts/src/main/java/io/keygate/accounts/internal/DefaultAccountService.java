package io.keygate.accounts.internal;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.AdminDeleted;
import io.keygate.accounts.api.AdminSummary;
import io.keygate.accounts.api.BootstrapOutcome;
import io.keygate.accounts.api.CreateAdmin;
import io.keygate.accounts.api.CreateOrganization;
import io.keygate.accounts.api.OrganizationCreated;
import io.keygate.accounts.api.OrganizationSummary;
import io.keygate.accounts.api.SignInChannel;
import io.keygate.accounts.api.SignInThrottledException;
import io.keygate.accounts.api.UpdateAdmin;
import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.Names;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.RandomPasswords;
import io.keygate.platform.api.RequestOrigin;
import io.keygate.platform.api.Role;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

@ApplicationScoped
@Transactional
public class DefaultAccountService implements AccountService {

    static final String DEFAULT_ORGANIZATION = "default";
    static final String FIRST_ADMIN = "admin";
    static final String OPERATOR = "operator";

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofMinutes(5));

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;
    @Inject
    RequestOrigin origin;
    @Inject
    SignInThrottle throttle;
    @Inject
    Event<OrganizationCreated> organizationCreated;
    @Inject
    Event<AdminDeleted> adminDeleted;
    @Inject
    OrganizationScope organizationScope;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> signIn(String username, String password, SignInChannel channel) {
        Optional<AdminAccount> account = findAccount(username);
        String address = origin.sourceAddress();
        Optional<Long> accountId = account.map(known -> known.id);
        long wait = throttle.retryAfter(address, accountId);
        if (wait > 0) {
            // refused unheard: the password is not checked, so guessing on costs the guesser time, not the server
            throw new SignInThrottledException(wait);
        }
        if (account.isEmpty()) {
            hasher.matchNothing(password == null ? "" : password);
        }
        if (account.isEmpty() || !passwordMatches(account.get(), password == null ? "" : password)) {
            // an unknown name is not recorded: people type their password into the username field
            String claimed = account.map(known -> known.username).orElse("(unknown account)");
            Long organization = account.map(known -> known.organizationId).orElse(null);
            audit.recordFailure(AuditEntry.failure("sign_in", "bad_credentials").by(claimed, organization)
                    .withDetails(Map.of("channel", channel.name())));
            for (SignInThrottle.Reached reached : throttle.failed(address, accountId)) {
                audit.recordFailure(AuditEntry.failure("sign_in.throttle", reached == SignInThrottle.Reached.ADDRESS
                                ? "address_failures_exceeded" : "account_failures_exceeded").by(claimed, organization)
                        .withDetails(Map.of("limited", reached.name().toLowerCase(Locale.ROOT), "failures", SignInThrottle.FAILURES,
                                "windowMinutes", SignInThrottle.WINDOW.toMinutes(), "channel", channel.name())));
            }
            return Optional.empty();
        }
        Actor actor = account.get().toActor();
        if (channel != SignInChannel.API_BASIC) {
            audit.record(AuditEntry.success(channel == SignInChannel.STEP_UP ? "sign_in.step_up" : "sign_in", "admin",
                    actor.accountId(), actor.username()).by(actor.username(), actor.organizationId()));
        }
        return Optional.of(actor);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> findActor(String username) {
        return findAccount(username).map(AdminAccount::toActor);
    }

    @Override
    public UUID startSession(long accountId) {
        UUID session = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO admin_session (id, account_id, started_at) VALUES (CAST(?1 AS uuid), ?2, now())")
                .setParameter(1, session.toString()).setParameter(2, accountId).executeUpdate();
        return session;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> findSessionActor(String username, UUID session) {
        if (session == null) {
            return Optional.empty();
        }
        return findAccount(username).filter(account -> isSignedIn(session, account.id)).map(AdminAccount::toActor);
    }

    private boolean isSignedIn(UUID session, long accountId) {
        return !em.createNativeQuery("SELECT 1 FROM admin_session WHERE id = CAST(?1 AS uuid) AND account_id = ?2 "
                        + "AND started_at > now() - make_interval(secs => CAST(?3 AS double precision))")
                .setParameter(1, session.toString()).setParameter(2, accountId).setParameter(3, SESSION_LIFETIME.toSeconds())
                .getResultList().isEmpty();
    }

    @Override
    public void endSession(UUID session) {
        em.createNativeQuery("DELETE FROM admin_session WHERE id = CAST(?1 AS uuid)").setParameter(1, session.toString()).executeUpdate();
    }

    @Override
    public int forgetExpiredSessions() {
        return em.createNativeQuery("DELETE FROM admin_session WHERE started_at <= now() - make_interval(secs => CAST(?1 AS double precision))")
                .setParameter(1, SESSION_LIFETIME.toSeconds()).executeUpdate();
    }

    /** Every browser session of the account but the one the running request came with (if it is the account's). */
    private int endOtherSessions(long accountId) {
        Optional<UUID> own = origin.signedInSession();
        return own.isEmpty()
                ? em.createNativeQuery("DELETE FROM admin_session WHERE account_id = ?1").setParameter(1, accountId).executeUpdate()
                : em.createNativeQuery("DELETE FROM admin_session WHERE account_id = ?1 AND id <> CAST(?2 AS uuid)")
                        .setParameter(1, accountId).setParameter(2, own.get().toString()).executeUpdate();
    }

    @Override
    public BootstrapOutcome bootstrap(String adminPassword, String operatorPassword) {
        if (!em.createQuery("SELECT a.id FROM AdminAccount a WHERE a.role = :role", Long.class)
                .setParameter("role", Role.OPERATOR).setMaxResults(1).getResultList().isEmpty()) {
            return BootstrapOutcome.alreadyDone();
        }
        String adminSecret = adminPassword == null ? RandomPasswords.generate() : adminPassword;
        String operatorSecret = operatorPassword == null ? RandomPasswords.generate() : operatorPassword;
        Organization organization = newOrganization(DEFAULT_ORGANIZATION, "system");
        organizationScope.run(organization.id, () -> newAccount(organization.id, FIRST_ADMIN,
                AccountRules.requireValidPassword("KEYGATE_ADMIN_PASSWORD", adminSecret), Role.ADMINISTRATOR, "username"));
        newAccount(null, OPERATOR, AccountRules.requireValidPassword("KEYGATE_OPERATOR_PASSWORD", operatorSecret), Role.OPERATOR, "username");
        return new BootstrapOutcome(true, FIRST_ADMIN, adminPassword == null ? adminSecret : null,
                OPERATOR, operatorPassword == null ? operatorSecret : null);
    }

    @Override
    public OrganizationSummary createOrganization(CreateOrganization request) {
        Actor actor = currentActor.get();
        actor.requireOperator();
        String name = Names.requireValidName("name", request.name());
        String username = AccountRules.requireValidUsername("adminUsername", request.adminUsername());
        AccountRules.requireValidPassword("adminPassword", request.adminPassword());
        if (organizationNamed(name).isPresent()) {
            throw ConflictException.duplicateName("organisation", name);
        }
        requireFreeUsername(username, "adminUsername");
        Organization organization = newOrganization(name, actor.username());
        organizationScope.run(organization.id, () -> newAccount(organization.id, username, request.adminPassword(), Role.ADMINISTRATOR, "adminUsername"));
        return new OrganizationSummary(organization.id, organization.name, 1, Timestamps.instant(organization.createdAt));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public OrganizationSummary getOrganization(long id) {
        currentActor.get().requireOperator();
        Organization organization = em.find(Organization.class, id);
        if (organization == null) {
            throw new NotFoundException("organisation", String.valueOf(id));
        }
        return new OrganizationSummary(organization.id, organization.name, adminCounts(List.of(id)).getOrDefault(id, 0L),
                Timestamps.instant(organization.createdAt));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public String organizationName(long organizationId) {
        Organization organization = em.find(Organization.class, organizationId);
        if (organization == null) {
            throw new NotFoundException("organisation", String.valueOf(organizationId));
        }
        return organization.name;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OrganizationSummary> listOrganizations(PageRequest page) {
        currentActor.get().requireOperator();
        List<Organization> organizations = em.createQuery("SELECT o FROM Organization o ORDER BY LOWER(o.name), o.id", Organization.class)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize()).getResultList();
        Map<Long, Long> adminCounts = adminCounts(organizations.stream().map(o -> o.id).toList());
        List<OrganizationSummary> list = organizations.stream()
                .map(o -> new OrganizationSummary(o.id, o.name, adminCounts.getOrDefault(o.id, 0L), Timestamps.instant(o.createdAt)))
                .toList();
        long total = em.createQuery("SELECT COUNT(o) FROM Organization o", Long.class).getSingleResult();
        return new Page<>(list, page.page(), page.pageSize(), total);
    }

    @Override
    public AdminSummary createAdmin(CreateAdmin request) {
        // a leaked API token must not be able to leave an admin behind that outlives its revocation
        currentActor.get().requireAccount();
        long organization = currentActor.get().requireAdministrator();
        String username = AccountRules.requireValidUsername("username", request.username());
        AccountRules.requireValidPassword("password", request.password());
        requireOrganizationRole(request.role());
        requireFreeUsername(username, "username");
        return toSummary(newAccount(organization, username, request.password(), request.role(), "username"));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AdminSummary> listAdmins(PageRequest page) {
        long organization = currentActor.get().requireOrganization();
        List<AdminSummary> list = em.createQuery(
                        "SELECT a FROM AdminAccount a WHERE a.organizationId = :organization ORDER BY a.username", AdminAccount.class)
                .setParameter("organization", organization)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultStream().map(DefaultAccountService::toSummary).toList();
        long total = em.createQuery("SELECT COUNT(a) FROM AdminAccount a WHERE a.organizationId = :organization", Long.class)
                .setParameter("organization", organization).getSingleResult();
        return new Page<>(list, page.page(), page.pageSize(), total);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public AdminSummary getAdmin(long id) {
        return toSummary(accountInOrganization(id, currentActor.get().requireOrganization()));
    }

    @Override
    public AdminSummary updateAdmin(long id, UpdateAdmin request) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        AdminAccount account = accountInOrganization(id, actor.requireAdministrator());
        requireOrganizationRole(request.role());
        if (request.version() == null) {
            throw new InvalidInputException("version_required", "version", "The version you read is required, to detect concurrent changes.");
        }
        if (request.version() != account.version) {
            throw ConflictException.staleVersion("admin", account.username);
        }
        if (account.role == Role.ADMINISTRATOR && request.role() != Role.ADMINISTRATOR) {
            requireAnotherAdministrator(account);
        }
        Map<String, Object> before = Map.of("role", account.role.name());
        account.role = request.role();
        if (request.newPassword() != null) {
            account.passwordHash = hasher.hash(AccountRules.requireValidPassword("newPassword", request.newPassword()));
            // whoever may have learnt the old password (or a session cookie) is out on every node
            endOtherSessions(account.id);
        }
        account.modifiedAt = Timestamps.now();
        try {
            em.flush();
        } catch (OptimisticLockException changedMeanwhile) {
            throw ConflictException.staleVersion("admin", account.username);
        }
        audit.record(AuditEntry.success("admin.update", "admin", account.id, account.username)
                .withDetails(Map.of("before", before, "after", Map.of("role", account.role.name()),
                        "passwordChanged", request.newPassword() != null)));
        return toSummary(account);
    }

    @Override
    public void deleteAdmin(long id) {
        deleteAdmin(id, null);
    }

    @Override
    public void deleteAdmin(long id, long expectedVersion) {
        deleteAdmin(id, Long.valueOf(expectedVersion));
    }

    private void deleteAdmin(long id, Long expectedVersion) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        AdminAccount account = accountInOrganization(id, actor.requireAdministrator());
        if (expectedVersion != null && account.version != expectedVersion) {
            throw ConflictException.staleVersion("admin", account.username);
        }
        if (account.id == actor.accountId()) {
            throw new ConflictException("cannot_delete_self", "You cannot delete your own account.", List.of(account.username));
        }
        if (account.role == Role.ADMINISTRATOR) {
            requireAnotherAdministrator(account);
        }
        adminDeleted.fire(new AdminDeleted(account.id, account.organizationId, account.username));
        em.remove(account);
        try {
            em.flush();
        } catch (OptimisticLockException deletedMeanwhile) {
            throw new NotFoundException("admin", String.valueOf(id));
        }
        audit.record(AuditEntry.success("admin.delete", "admin", account.id, account.username)
                .withDetails(Map.of("before", Map.of("role", account.role.name()))));
    }

    private boolean passwordMatches(AdminAccount account, String password) {
        Instant now = Instant.now();
        if (verified.isKnownMatch(account.username, password, account.passwordHash, now)) {
            return true;
        }
        boolean matches = hasher.matches(password, account.passwordHash);
        if (matches) {
            verified.rememberMatch(account.username, password, account.passwordHash, now);
        }
        return matches;
    }

    /**
     * Sign-in and every signed-in request name an account before anyone's organisation is known: a function made for it
     * (db/V15) says which organisation the name is in, and the account is read there.
     */
    private Optional<AdminAccount> findAccount(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        List<?> organization = em.createNativeQuery("SELECT keygate_account_organization(CAST(?1 AS text))")
                .setParameter(1, username).getResultList();
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        Supplier<Optional<AdminAccount>> read = () -> em.createQuery("SELECT a FROM AdminAccount a WHERE LOWER(a.username) = LOWER(:username)",
                AdminAccount.class).setParameter("username", username).getResultStream().findFirst();
        // the operator's account is in no organisation, and is read with none set
        return organization.get(0) == null ? read.get() : organizationScope.call(((Number) organization.get(0)).longValue(), read);
    }

    /** The operator's view of how many admins organisations have, counted across them by a function made for it (db/V15). */
    private Map<Long, Long> adminCounts(List<Long> organizationIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (!organizationIds.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT organization_id, admins FROM keygate_admin_counts(CAST(?1 AS bigint[]))")
                    .setParameter(1, organizationIds.toArray(Long[]::new)).getResultList();
            rows.forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        }
        return counts;
    }

    private Optional<Organization> organizationNamed(String name) {
        return em.createQuery("SELECT o FROM Organization o WHERE LOWER(o.name) = LOWER(:name)", Organization.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    private AdminAccount accountInOrganization(long id, long organization) {
        AdminAccount account = em.find(AdminAccount.class, id);
        if (account == null || account.organizationId == null || account.organizationId != organization) {
            throw new NotFoundException("admin", String.valueOf(id));
        }
        return account;
    }

    private void requireFreeUsername(String username, String field) {
        if ((Boolean) em.createNativeQuery("SELECT keygate_username_taken(CAST(?1 AS text))").setParameter(1, username).getSingleResult()) {
            throw duplicateUsername(username, field);
        }
    }

    private static ConflictException duplicateUsername(String username, String field) {
        return new ConflictException("duplicate_username", "The username '" + username + "' is already taken.", List.of(field, username));
    }

    /** Locks the organisation first, so two admins demoting each other at once cannot both succeed. */
    private void requireAnotherAdministrator(AdminAccount account) {
        em.find(Organization.class, account.organizationId, LockModeType.PESSIMISTIC_WRITE);
        long administrators = em.createQuery("SELECT COUNT(a) FROM AdminAccount a WHERE a.organizationId = :organization AND a.role = :role", Long.class)
                .setParameter("organization", account.organizationId).setParameter("role", Role.ADMINISTRATOR).getSingleResult();
        if (administrators <= 1) {
            throw new ConflictException("last_administrator",
                    "'" + account.username + "' is the organisation's last ADMINISTRATOR and must stay one.", List.of(account.username));
        }
    }

    private static void requireOrganizationRole(Role role) {
        if (role != Role.ADMINISTRATOR && role != Role.READ_ONLY) {
            throw new InvalidInputException("role_invalid", "role", "The role must be ADMINISTRATOR or READ_ONLY.");
        }
    }

    private Organization newOrganization(String name, String createdBy) {
        Organization organization = new Organization();
        organization.name = name;
        organization.createdAt = Timestamps.now();
        organization.createdBy = createdBy;
        persist(organization, () -> ConflictException.duplicateName("organisation", name));
        organizationCreated.fire(new OrganizationCreated(organization.id, name));
        audit.record(AuditEntry.success("organization.create", "organization", organization.id, name).inOrganization(organization.id));
        return organization;
    }

    private AdminAccount newAccount(Long organization, String username, String password, Role role, String field) {
        AdminAccount account = new AdminAccount();
        account.organizationId = organization;
        account.username = username;
        account.passwordHash = hasher.hash(password);
        account.role = role;
        account.createdAt = Timestamps.now();
        account.modifiedAt = account.createdAt;
        persist(account, () -> duplicateUsername(username, field));
        audit.record(AuditEntry.success("admin.create", "admin", account.id, username)
                .withDetails(Map.of("after", Map.of("role", role.name()))).inOrganization(organization));
        return account;
    }

    private void persist(Object entity, java.util.function.Supplier<ConflictException> onDuplicate) {
        try {
            em.persist(entity);
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw onDuplicate.get();
            }
            throw e;
        }
    }

    private static AdminSummary toSummary(AdminAccount account) {
        return new AdminSummary(account.id, account.username, account.role, Timestamps.instant(account.createdAt),
                Timestamps.instant(account.modifiedAt), account.version);
    }
}
