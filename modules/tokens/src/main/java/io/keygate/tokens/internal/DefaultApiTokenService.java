package io.keygate.tokens.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.keymaterial.api.KeyedHash;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keymaterial.api.UnknownSecretVersionException;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.IpAllowList;
import io.keygate.platform.api.Names;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.Role;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import io.keygate.tokens.api.ApiTokenService;
import io.keygate.tokens.api.ApiTokenStatus;
import io.keygate.tokens.api.ApiTokenSummary;
import io.keygate.tokens.api.CreateApiToken;
import io.keygate.tokens.api.CreatedApiToken;
import io.keygate.tokens.api.TokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class DefaultApiTokenService implements ApiTokenService {

    static final String RESOURCE = "api token";
    /** Recording every use would write a row per API request; once a minute tells an admin what they need to know. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    SecretHasher hasher;
    @Inject
    AuditLog audit;
    @Inject
    OrganizationScope organizations;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiTokenSummary> list(PageRequest page) {
        long organization = manager();
        OffsetDateTime now = Timestamps.now();
        List<ApiTokenSummary> list = em.createQuery("SELECT t FROM ApiToken t WHERE t.organizationId = :organization ORDER BY t.createdAt DESC, t.id DESC",
                        ApiToken.class)
                .setParameter("organization", organization)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultStream().map(token -> toSummary(token, now)).toList();
        long total = em.createQuery("SELECT COUNT(t) FROM ApiToken t WHERE t.organizationId = :organization", Long.class)
                .setParameter("organization", organization).getSingleResult();
        return new Page<>(list, page.page(), page.pageSize(), total);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiTokenSummary get(long id) {
        return toSummary(find(id, manager()), Timestamps.now());
    }

    @Override
    public CreatedApiToken create(CreateApiToken request) {
        Actor actor = currentActor.get();
        long organization = manager();
        String name = Names.requireValidName("name", request.name());
        if (request.role() != Role.ADMINISTRATOR && request.role() != Role.READ_ONLY) {
            throw new InvalidInputException("role_invalid", "role", "The role of a token is ADMINISTRATOR or READ_ONLY.");
        }
        OffsetDateTime now = Timestamps.now();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now.toInstant())) {
            throw new InvalidInputException("expires_in_past", "expiresAt", "The expiry must be in the future.");
        }
        List<String> allowList = IpAllowList.validate(request.ipAllowList());
        boolean taken = !em.createQuery("SELECT t.id FROM ApiToken t WHERE t.organizationId = :organization AND LOWER(t.name) = LOWER(:name) "
                        + "AND t.revokedAt IS NULL", Long.class)
                .setParameter("organization", organization).setParameter("name", name).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw ConflictException.duplicateName(RESOURCE, name);
        }
        String tokenId = TokenValues.newTokenId();
        String secret = TokenValues.newSecret();
        KeyedHash hash = hasher.hash(TokenValues.verifierInput(tokenId, secret));
        ApiToken token = new ApiToken();
        token.organizationId = organization;
        token.tokenId = tokenId;
        token.name = name;
        token.role = request.role().name();
        token.pepperVersion = hash.pepperVersion();
        token.secretHash = hash.hash();
        token.ipAllowList = IpAllowList.stored(allowList);
        token.expiresAt = request.expiresAt() == null ? null : Timestamps.of(request.expiresAt());
        token.createdAt = now;
        token.createdBy = actor.username();
        em.persist(token);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw ConflictException.duplicateName(RESOURCE, name);
            }
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", token.role);
        details.put("prefix", TokenValues.PREFIX + tokenId);
        details.put("expiresAt", request.expiresAt() == null ? "never" : request.expiresAt().toString());
        details.put("ipAllowList", allowList);
        audit.record(AuditEntry.success("api_token.create", RESOURCE, token.id, token.name).withDetails(details));
        return new CreatedApiToken(toSummary(token, now), TokenValues.value(tokenId, secret));
    }

    @Override
    public void revoke(long id) {
        Actor actor = currentActor.get();
        ApiToken token = find(id, manager());
        if (token.revokedAt != null) {
            return;
        }
        token.revokedAt = Timestamps.now();
        token.revokedBy = actor.username();
        audit.record(AuditEntry.success("api_token.revoke", RESOURCE, token.id, token.name));
    }

    @Override
    public TokenCheck authenticate(String presented, String sourceAddress) {
        TokenValues.Parsed parsed = TokenValues.parse(presented);
        if (parsed == null) {
            return TokenCheck.invalid();
        }
        Optional<Long> organization = organizationOfTokenId(parsed.tokenId());
        if (organization.isEmpty()) {
            return TokenCheck.invalid();
        }
        return organizations.call(organization.get(), () -> check(parsed, sourceAddress));
    }

    private TokenCheck check(TokenValues.Parsed parsed, String sourceAddress) {
        List<ApiToken> found = em.createQuery("SELECT t FROM ApiToken t WHERE t.tokenId = :tokenId", ApiToken.class)
                .setParameter("tokenId", parsed.tokenId()).getResultList();
        if (found.isEmpty()) {
            return TokenCheck.invalid();
        }
        ApiToken token = found.get(0);
        boolean matches;
        try {
            matches = hasher.verify(TokenValues.verifierInput(parsed.tokenId(), parsed.secret()), new KeyedHash(token.pepperVersion, token.secretHash));
        } catch (UnknownSecretVersionException pepperGone) {
            recordRefusal(token, "pepper_retired", sourceAddress);
            return TokenCheck.invalid();
        }
        if (!matches) {
            // the token id is public (the page shows it): wrong secrets for it are someone guessing, which its organisation should see
            recordRefusal(token, "wrong_secret", sourceAddress);
            return TokenCheck.invalid();
        }
        OffsetDateTime now = Timestamps.now();
        ApiTokenStatus status = status(token, now);
        if (status == ApiTokenStatus.REVOKED) {
            recordRefusal(token, "token_revoked", sourceAddress);
            return TokenCheck.refused(401, "token_revoked", "The API token was revoked.");
        }
        if (status == ApiTokenStatus.EXPIRED) {
            recordRefusal(token, "token_expired", sourceAddress);
            return TokenCheck.refused(401, "token_expired", "The API token expired.");
        }
        if (!IpAllowList.permits(token.ipAllowList, sourceAddress)) {
            recordRefusal(token, "ip_not_allowed", sourceAddress);
            return TokenCheck.refused(403, "ip_not_allowed", "The API token is not accepted from this address.");
        }
        em.createQuery("UPDATE ApiToken t SET t.lastUsedAt = :now, t.lastUsedFrom = :from WHERE t.id = :id "
                        + "AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :recently)")
                .setParameter("now", now).setParameter("from", sourceAddress).setParameter("id", token.id)
                .setParameter("recently", now.minus(LAST_USED_PRECISION)).executeUpdate();
        return TokenCheck.accepted(toActor(token));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Actor> findActor(long id) {
        return organizationOfRow(id).flatMap(organization -> organizations.call(organization, () -> {
            ApiToken token = em.find(ApiToken.class, id);
            return token == null || status(token, Timestamps.now()) != ApiTokenStatus.ACTIVE ? Optional.<Actor>empty() : Optional.of(toActor(token));
        }));
    }

    /**
     * A request that brings a token has no organisation yet: the token's is found by one of the functions made for it
     * (db/V14), and the rest runs in that one.
     */
    private Optional<Long> organizationOfTokenId(String tokenId) {
        return organization(em.createNativeQuery("SELECT keygate_api_token_organization(CAST(?1 AS text))").setParameter(1, tokenId)
                .getSingleResult());
    }

    private Optional<Long> organizationOfRow(long id) {
        return organization(em.createNativeQuery("SELECT keygate_api_token_organization(CAST(?1 AS bigint))").setParameter(1, id)
                .getSingleResult());
    }

    private static Optional<Long> organization(Object found) {
        return found == null ? Optional.empty() : Optional.of(((Number) found).longValue());
    }

    /**
     * In this transaction, which commits (a refusal is an answer, not an exception): a transaction of its own would hold a
     * second pooled connection per refused request, and a flood of them could take the whole pool.
     */
    private void recordRefusal(ApiToken token, String reason, String sourceAddress) {
        audit.record(AuditEntry.failure("api_token.use", reason).withResource(RESOURCE, token.id, token.name)
                .withDetails(Map.of("prefix", TokenValues.PREFIX + token.tokenId, "sourceAddress", String.valueOf(sourceAddress)))
                .byApiToken(actorName(token), token.organizationId));
    }

    /**
     * Managing tokens is for an organisation's ADMINISTRATORs, signed in as themselves: a leaked token must neither mint
     * successors nor revoke or survey the other tokens.
     */
    private long manager() {
        Actor actor = currentActor.get();
        actor.requireAccount();
        return actor.requireAdministrator();
    }

    /** A token acts under a name no admin can have (usernames hold no colon), so "created by" never passes a token off as a person. */
    static String actorName(ApiToken token) {
        return "token:" + token.name;
    }

    private ApiToken find(long id, long organization) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || token.organizationId != organization) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return token;
    }

    private static Actor toActor(ApiToken token) {
        return Actor.apiToken(token.id, actorName(token), token.organizationId, Role.valueOf(token.role));
    }

    private static ApiTokenStatus status(ApiToken token, OffsetDateTime now) {
        if (token.revokedAt != null) {
            return ApiTokenStatus.REVOKED;
        }
        return token.expiresAt != null && !token.expiresAt.isAfter(now) ? ApiTokenStatus.EXPIRED : ApiTokenStatus.ACTIVE;
    }

    private static ApiTokenSummary toSummary(ApiToken t, OffsetDateTime now) {
        return new ApiTokenSummary(t.id, t.name, Role.valueOf(t.role), TokenValues.PREFIX + t.tokenId, status(t, now), Timestamps.instant(t.expiresAt),
                IpAllowList.parsed(t.ipAllowList), Timestamps.instant(t.createdAt), t.createdBy, Timestamps.instant(t.lastUsedAt), t.lastUsedFrom,
                Timestamps.instant(t.revokedAt), t.revokedBy);
    }
}
