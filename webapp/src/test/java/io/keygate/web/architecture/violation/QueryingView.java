package io.keygate.web.architecture.violation;

import jakarta.persistence.EntityManager;

/** Deliberately a backing bean holding an EntityManager, so that ModuleBoundaryTest can show its rule fails. Never deployed. */
public class QueryingView {

    EntityManager em;

    public long count() {
        return em.createQuery("SELECT COUNT(g) FROM MachineGroup g", Long.class).getSingleResult();
    }
}
