package io.keygate.audit.api;

/** Whether the audited action took effect. */
public enum Outcome {
    SUCCESS,
    FAILURE
}
