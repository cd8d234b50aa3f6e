package io.keygate.keys.api;

/**
 * The answer to a create: the key and, this once, its value (K5). Callers hand the value to the admin and
 * keep it nowhere; {@code toString} does not print it.
 */
public record CreatedProvisioningKey(ProvisioningKeySummary key, String provisioningKey) {

    @Override
    public String toString() {
        return "CreatedProvisioningKey[" + key.keyId() + ", value redacted]";
    }
}
