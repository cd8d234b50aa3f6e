package io.keygate.keymaterial.internal;

import io.keygate.keymaterial.api.EncryptedSecret;
import io.keygate.keymaterial.api.EncryptionContext;
import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.SecretVault;
import io.keygate.keymaterial.api.WrappedDataKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
@Transactional
public class DefaultSecretVault implements SecretVault {

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    EnvelopeCipher cipher;

    @Override
    public EncryptedSecret seal(EncryptionContext context, byte[] secret) {
        return cipher.encrypt(dataKey(context.organizationId()), context, secret);
    }

    @Override
    public byte[] open(EncryptionContext context, EncryptedSecret sealed) {
        return cipher.decrypt(dataKey(context.organizationId()), context, sealed);
    }

    /** The organisation's data key; the first caller makes it, and of two at once the database keeps one. */
    private WrappedDataKey dataKey(long organization) {
        OrganizationDataKey stored = em.find(OrganizationDataKey.class, organization);
        if (stored == null) {
            WrappedDataKey fresh = cipher.newDataKey(organization);
            em.createNativeQuery("INSERT INTO organization_data_key (organization_id, master_key_version, wrapped_key, created_at) "
                            + "VALUES (?1, ?2, ?3, now()) ON CONFLICT (organization_id) DO NOTHING")
                    .setParameter(1, organization)
                    .setParameter(2, fresh.masterKeyVersion())
                    .setParameter(3, fresh.bytes())
                    .executeUpdate();
            stored = em.find(OrganizationDataKey.class, organization);
        }
        return new WrappedDataKey(stored.wrappedKey);
    }
}
