package io.keygate.platform.api;

import java.util.List;

/** A change that collides with the current state (a duplicate name, a stale version, objects still in use). */
public class ConflictException extends KeygateException {

    public ConflictException(String id, String reason, List<String> params) {
        super(id, reason, params);
    }

    /** Someone saved the object after the caller read it; nothing was overwritten. */
    public static ConflictException staleVersion(String resourceType, String name) {
        return new ConflictException("stale_version",
                "The " + resourceType + " '" + name + "' was modified by someone else. Reload it and try again.",
                List.of(resourceType, name));
    }

    public static ConflictException duplicateName(String resourceType, String name) {
        return new ConflictException("duplicate_name",
                "A " + resourceType + " named '" + name + "' already exists.", List.of("name", name));
    }
}
