package io.keygate.platform.api;

/** What a signed-in account may do. */
public enum Role {
    /** Creates organisations and their first administrator; belongs to no organisation. */
    OPERATOR,
    /** Full access to the objects of one organisation. */
    ADMINISTRATOR,
    /** Sees the metadata of one organisation, changes nothing. */
    READ_ONLY
}
