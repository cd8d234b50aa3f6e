package io.keygate.platform.api;

import java.util.List;

/** An object that does not exist in the actor's organisation (another organisation's objects included). */
public class NotFoundException extends KeygateException {

    public NotFoundException(String resourceType, String resourceId) {
        super("not_found", "No " + resourceType + " exists with id " + resourceId + ".", List.of(resourceType, resourceId));
    }
}
