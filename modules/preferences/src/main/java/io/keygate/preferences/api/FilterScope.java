package io.keygate.preferences.api;

/** How long a saved filter lives (T4). */
public enum FilterScope {
    /** until the browser session that saved it ends */
    SESSION,
    /** until the admin deletes it: in every session and browser */
    PREFERENCES
}
