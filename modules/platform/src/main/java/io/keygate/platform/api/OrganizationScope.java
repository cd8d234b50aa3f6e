package io.keygate.platform.api;

import java.util.function.Supplier;

/**
 * Whose rows the database shows. A request of an organisation's admin or API token sees that organisation's rows
 * and no others (row-level security, {@code db/V14}); work that no signed-in actor of the organisation runs, such as an
 * enrollment, housekeeping or the operator acting on one organisation, names the organisation here.
 */
public interface OrganizationScope {

    /**
     * Runs the work with the database showing only this organisation's rows, also part-way through a transaction;
     * afterwards the database shows again what it showed before.
     */
    <T> T call(long organizationId, Supplier<T> work);

    default void run(long organizationId, Runnable work) {
        call(organizationId, () -> {
            work.run();
            return null;
        });
    }
}
