package io.keygate.web.infrastructure;

import io.keygate.platform.api.ForbiddenException;

/** A key's value, or a new credential, asked for in a browser session whose password was last typed too long ago. */
public class StepUpRequiredException extends ForbiddenException {

    public StepUpRequiredException(long minutes) {
        super("step_up_required", "This needs your password typed in the last " + minutes + " minutes: confirm it where the "
                + "page asks for it, or call the API with a token.");
    }
}
