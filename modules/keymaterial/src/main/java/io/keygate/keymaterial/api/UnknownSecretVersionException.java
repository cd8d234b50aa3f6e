package io.keygate.keymaterial.api;

/** Data names a pepper or master key version that the configured secrets do not hold (a removed or missing line). */
public class UnknownSecretVersionException extends KeyMaterialException {

    private final int version;

    public UnknownSecretVersionException(String source, int version) {
        super(source + " has no version v" + version);
        this.version = version;
    }

    public int version() {
        return version;
    }
}
