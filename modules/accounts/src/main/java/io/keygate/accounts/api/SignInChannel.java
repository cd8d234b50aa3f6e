package io.keygate.accounts.api;

/**
 * How credentials arrived: through the sign-in page (audited either way), on an API request (failures audited), or
 * as a signed-in admin confirming the password before a key's value is shown (audited either way).
 */
public enum SignInChannel {
    SIGN_IN_PAGE,
    API_BASIC,
    STEP_UP
}
