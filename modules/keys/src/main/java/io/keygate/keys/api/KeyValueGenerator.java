package io.keygate.keys.api;

import io.keygate.keys.internal.RandomKeyValueGenerator;
import java.security.SecureRandom;

/** Makes new key values for the configured enrollment host; thread-safe. */
public interface KeyValueGenerator {

    /**
     * A generator for {@code host} (e.g. {@code enroll.example.com:8443}), checked here once so a
     * misconfigured host is found at start-up.
     *
     * @throws IllegalArgumentException if {@code host} is not a DNS name or IP literal with optional :port
     */
    static KeyValueGenerator forHost(String host) {
        return new RandomKeyValueGenerator(host, new SecureRandom());
    }

    /** A new key value: random keyId (16 base62) and secret (43 base62, 256 bits) from {@code SecureRandom}. */
    KeyValue generate();

    String host();
}
