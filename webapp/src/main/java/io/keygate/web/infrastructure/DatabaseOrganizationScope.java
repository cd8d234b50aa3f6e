package io.keygate.web.infrastructure;

import io.keygate.platform.api.OrganizationScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The organisation whose rows the database shows to the work on this thread: the one named through
 * {@link OrganizationScope}, else the signed-in actor's, else none (and then no organisation's rows at all).
 */
@ApplicationScoped
public class DatabaseOrganizationScope implements OrganizationScope {

    private static final Logger LOG = Logger.getLogger(DatabaseOrganizationScope.class.getName());
    private static final ThreadLocal<Long> NAMED = new ThreadLocal<>();
    private static volatile Instance<SignedInActor> signedIn;

    @Resource
    TransactionSynchronizationRegistry transactions;
    @PersistenceContext(unitName = "keygate")
    EntityManager em;

    /**
     * Inside a transaction the switch happens on the transaction's connection: what the persistence context holds is
     * written first, under the organisation it was made in, and again on the way out.
     */
    @Override
    public <T> T call(long organizationId, Supplier<T> work) {
        if (Long.valueOf(organizationId).equals(current())) {
            return work.get();
        }
        Long outer = NAMED.get();
        boolean completed = false;
        try {
            // inside the try: a thread of the pool must never keep an organisation a failed switch left behind
            switchTo(organizationId);
            T result = work.get();
            completed = true;
            return result;
        } finally {
            switchBack(outer, completed);
        }
    }

    private void switchTo(long organizationId) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_ACTIVE) {
            em.flush();
        }
        NAMED.set(organizationId);
        if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
            tellTheTransactionsConnection();
        }
    }

    private void switchBack(Long outer, boolean completed) {
        int status = transactions.getTransactionStatus();
        try {
            if (status == Status.STATUS_ACTIVE && completed) {
                em.flush();
            }
        } finally {
            if (outer == null) {
                NAMED.remove();
            } else {
                NAMED.set(outer);
            }
        }
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            return;
        }
        if (completed) {
            tellTheTransactionsConnection();
            return;
        }
        try {
            // a transaction that is to roll back may still read: it must not read as the inner organisation
            tellTheTransactionsConnection();
        } catch (RuntimeException e) {
            // the work's own exception is the one to report; a connection that refuses this is as good as gone
            LOG.log(Level.FINE, "Could not restore the organisation of a failing transaction's connection", e);
        }
    }

    /**
     * The signed-in actor became known part-way through a transaction (its look-up ran without an organisation): the
     * transaction's connection may still hold none.
     */
    void actorBecameKnown() {
        if (activeTransaction()) {
            tellTheTransactionsConnection();
        }
    }

    private boolean activeTransaction() {
        return transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    private void tellTheTransactionsConnection() {
        Long organization = current();
        em.createNativeQuery("SELECT set_config('" + OrganizationSetting.SETTING + "', ?1, false)")
                .setParameter(1, organization == null ? "" : organization.toString())
                .getSingleResult();
    }

    /** What {@link OrganizationSetting} tells the database when the persistence unit takes a connection. */
    static Long current() {
        Long named = NAMED.get();
        return named != null ? named : signedInOrganization();
    }

    private static Long signedInOrganization() {
        try {
            return signedInActor().get().organizationForDatabase();
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            // housekeeping and start-up run outside any request; CDI.current() fails before the container is up
            return null;
        }
    }

    private static Instance<SignedInActor> signedInActor() {
        Instance<SignedInActor> instance = signedIn;
        if (instance == null) {
            instance = CDI.current().select(SignedInActor.class);
            signedIn = instance;
        }
        return instance;
    }
}
