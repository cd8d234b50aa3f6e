package io.keygate.keymaterial.internal;

import io.keygate.keymaterial.api.UnknownSecretVersionException;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Versioned secrets held in memory for the life of the application. */
public final class SecretRing implements VersionedSecrets {

    private final String source;
    private final TreeMap<Integer, byte[]> secrets = new TreeMap<>();

    /** Copies the secrets; the caller zeroes its own arrays. */
    public SecretRing(String source, Map<Integer, byte[]> secretsByVersion) {
        if (secretsByVersion.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no version");
        }
        secretsByVersion.forEach((version, secret) -> {
            if (version < 1 || version > MAX_VERSION || secret.length != SECRET_LENGTH) {
                throw new IllegalArgumentException(source + ": v" + version + " is out of range or not " + SECRET_LENGTH + " bytes");
            }
            secrets.put(version, secret.clone());
        });
        this.source = source;
    }

    @Override
    public int currentVersion() {
        return secrets.lastKey();
    }

    @Override
    public SortedSet<Integer> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(secrets.keySet()));
    }

    @Override
    public SecretKey key(int version, String algorithm) {
        byte[] secret = secrets.get(version);
        if (secret == null) {
            throw new UnknownSecretVersionException(source, version);
        }
        return new SecretKeySpec(secret, algorithm);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "VersionedSecrets[" + source + ", versions " + secrets.keySet() + ", current v" + currentVersion() + "]";
    }
}
