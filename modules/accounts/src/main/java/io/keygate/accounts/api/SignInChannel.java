package io.keygate.accounts.api;

/** How credentials arrived: through the sign-in page (audited either way) or on an API request (failures audited). */
public enum SignInChannel {
    SIGN_IN_PAGE,
    API_BASIC
}
