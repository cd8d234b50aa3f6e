package io.keygate.accounts.api;

/**
 * What the first start created. A password is returned only when it was generated (not configured), so
 * it can be shown once; it is never stored in clear text.
 */
public record BootstrapOutcome(boolean created, String adminUsername, String generatedAdminPassword,
                               String operatorUsername, String generatedOperatorPassword) {

    public static BootstrapOutcome alreadyDone() {
        return new BootstrapOutcome(false, null, null, null, null);
    }
}
