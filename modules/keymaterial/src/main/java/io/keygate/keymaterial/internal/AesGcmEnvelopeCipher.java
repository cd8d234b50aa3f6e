package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.AUTHENTICATION_FAILED;
import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.MALFORMED;
import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.UNKNOWN_MASTER_KEY_VERSION;

import io.keygate.keymaterial.api.DecryptionFailedException;
import io.keygate.keymaterial.api.EncryptedSecret;
import io.keygate.keymaterial.api.EncryptionContext;
import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.UnknownSecretVersionException;
import io.keygate.keymaterial.api.VersionedSecrets;
import io.keygate.keymaterial.api.WrappedDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM for both layers, with the byte layouts documented on {@link WrappedDataKey} and {@link EncryptedSecret}. */
public final class AesGcmEnvelopeCipher implements EnvelopeCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int DATA_KEY_LENGTH = 32;
    private static final int WRAPPED_HEADER_LENGTH = 3;
    private static final int SECRET_HEADER_LENGTH = 1;
    // distinct labels keep a wrapped data key and a sealed secret from ever being taken for one another
    private static final byte[] DATA_KEY_LABEL = "keygate/data-key\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_LABEL = "keygate/secret\0".getBytes(StandardCharsets.US_ASCII);

    private final VersionedSecrets masterKey;
    private final SecureRandom random = new SecureRandom();

    public AesGcmEnvelopeCipher(VersionedSecrets masterKey) {
        this.masterKey = masterKey;
    }

    @Override
    public WrappedDataKey newDataKey(long organizationId) {
        byte[] dataKey = new byte[DATA_KEY_LENGTH];
        random.nextBytes(dataKey);
        try {
            return wrap(dataKey, organizationId);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public WrappedDataKey rewrap(WrappedDataKey dataKey, long organizationId) {
        byte[] plain = unwrap(dataKey, organizationId);
        try {
            return wrap(plain, organizationId);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public boolean isCurrent(WrappedDataKey dataKey) {
        return dataKey.masterKeyVersion() == masterKey.currentVersion();
    }

    @Override
    public EncryptedSecret encrypt(WrappedDataKey dataKey, EncryptionContext context, byte[] secret) {
        byte[] plainKey = unwrap(dataKey, context.organizationId());
        byte[] nonce = randomNonce();
        byte[] header = {EncryptedSecret.LAYOUT};
        try {
            byte[] sealed = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(plainKey, "AES"), nonce,
                    secretAad(header, context), secret, 0, secret.length);
            return new EncryptedSecret(concat(header, nonce, sealed));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption does not check tags", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
        }
    }

    @Override
    public byte[] decrypt(WrappedDataKey dataKey, EncryptionContext context, EncryptedSecret encrypted) {
        byte[] bytes = encrypted.bytes();
        if (bytes.length < EncryptedSecret.OVERHEAD || bytes[0] != EncryptedSecret.LAYOUT) {
            throw new DecryptionFailedException(MALFORMED, "not an encrypted secret of layout 0x21 (" + bytes.length + " bytes)");
        }
        byte[] plainKey = unwrap(dataKey, context.organizationId());
        try {
            byte[] nonce = Arrays.copyOfRange(bytes, SECRET_HEADER_LENGTH, SECRET_HEADER_LENGTH + NONCE_LENGTH);
            int offset = SECRET_HEADER_LENGTH + NONCE_LENGTH;
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(plainKey, "AES"), nonce,
                    secretAad(Arrays.copyOf(bytes, SECRET_HEADER_LENGTH), context), bytes, offset, bytes.length - offset);
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException(AUTHENTICATION_FAILED, "the secret of organization " + context.organizationId()
                    + ", key " + context.keyId() + " did not open: other organization or keyId, or altered bytes", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
        }
    }

    private WrappedDataKey wrap(byte[] dataKey, long organizationId) {
        int version = masterKey.currentVersion();
        byte[] header = {WrappedDataKey.LAYOUT, (byte) (version >>> 8), (byte) version};
        byte[] nonce = randomNonce();
        try {
            byte[] sealed = gcm(Cipher.ENCRYPT_MODE, masterKey.key(version, "AES"), nonce,
                    dataKeyAad(header, organizationId), dataKey, 0, dataKey.length);
            return new WrappedDataKey(concat(header, nonce, sealed));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption does not check tags", e);
        }
    }

    private byte[] unwrap(WrappedDataKey dataKey, long organizationId) {
        int version = dataKey.masterKeyVersion();
        Key key;
        try {
            key = masterKey.key(version, "AES");
        } catch (UnknownSecretVersionException e) {
            throw new DecryptionFailedException(UNKNOWN_MASTER_KEY_VERSION, "the data key of organization " + organizationId
                    + " is wrapped under master key v" + version + ", which " + masterKey.source() + " does not hold", e);
        }
        byte[] bytes = dataKey.bytes();
        try {
            int offset = WRAPPED_HEADER_LENGTH + NONCE_LENGTH;
            return gcm(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(bytes, WRAPPED_HEADER_LENGTH, offset),
                    dataKeyAad(Arrays.copyOf(bytes, WRAPPED_HEADER_LENGTH), organizationId), bytes, offset, bytes.length - offset);
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException(AUTHENTICATION_FAILED, "the data key of organization " + organizationId
                    + " did not open under master key v" + version + ": other master key or organization, or altered bytes", e);
        }
    }

    private static byte[] gcm(int mode, Key key, byte[] nonce, byte[] aad, byte[] input, int offset, int length)
            throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] dataKeyAad(byte[] header, long organizationId) {
        return ByteBuffer.allocate(DATA_KEY_LABEL.length + header.length + Long.BYTES)
                .put(DATA_KEY_LABEL).put(header).putLong(organizationId).array();
    }

    private static byte[] secretAad(byte[] header, EncryptionContext context) {
        byte[] keyId = context.keyId().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(SECRET_LABEL.length + header.length + Long.BYTES + Short.BYTES + keyId.length)
                .put(SECRET_LABEL).put(header).putLong(context.organizationId()).putShort((short) keyId.length).put(keyId)
                .array();
    }

    private byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer joined = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            joined.put(part);
        }
        return joined.array();
    }

    @Override
    public String toString() {
        return "AesGcmEnvelopeCipher[" + masterKey.source() + "]";
    }
}
