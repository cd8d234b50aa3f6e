package io.keygate.platform.api;

import java.util.Optional;

/** Who is signed in for the running request; provided by the web layer. */
public interface CurrentActor {

    /** The signed-in actor, if any. */
    Optional<Actor> find();

    /** The signed-in actor; a request without one is refused as unauthenticated. */
    default Actor get() {
        return find().orElseThrow(() -> new UnauthenticatedException());
    }
}
