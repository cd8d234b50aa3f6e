package io.keygate.web.infrastructure;

import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.SecretHasher;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Reads the pepper and master key at start-up, so a missing or unsafe file stops the deployment with its reason. */
@Startup
@Singleton
public class KeyMaterialCheck {

    private static final Logger LOG = Logger.getLogger(KeyMaterialCheck.class.getName());

    @Inject
    SecretHasher hasher;
    @Inject
    EnvelopeCipher cipher;

    private volatile boolean loaded;

    @PostConstruct
    void loadKeyMaterial() {
        // a business call on the client proxies makes CDI read both files now, not at the first key;
        // getClass() would not: it is final and answered by the proxy itself
        LOG.info("Key material loaded: " + hasher + ", " + cipher);
        loaded = true;
    }

    /** True once the pepper and the master key were read (readiness reports it). */
    @Lock(LockType.READ)
    public boolean loaded() {
        return loaded;
    }
}
