package io.keygate.preferences.internal;

import io.keygate.accounts.api.AdminDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** An admin's saved filters and layouts go with the admin (T9), in the deleting transaction. */
@ApplicationScoped
public class PreferencesOfDeletedAdmins {

    @PersistenceContext(unitName = "keygate")
    EntityManager em;

    void removePreferencesOf(@Observes AdminDeleted deleted) {
        em.createQuery("DELETE FROM TableLayoutRow l WHERE l.accountId = :account").setParameter("account", deleted.adminId()).executeUpdate();
        em.createQuery("DELETE FROM SavedFilterRow f WHERE f.accountId = :account").setParameter("account", deleted.adminId()).executeUpdate();
    }
}
