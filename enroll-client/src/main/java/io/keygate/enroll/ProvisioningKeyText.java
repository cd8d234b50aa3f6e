package io.keygate.enroll;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a provisioning key, {@code 1|<host>|mpk_<keyId>_<secret><checksum>} (K6): the host tells where to
 * enroll. The server checks the rest; the client only refuses what cannot be a key, so a typo fails here and not
 * against the server's rate limit.
 */
record ProvisioningKeyText(String host, String value) {

    private static final Pattern SHAPE = Pattern.compile("1\\|([^|\\s]{1,255})\\|mpk_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}");

    static ProvisioningKeyText parse(String text) {
        String value = text == null ? "" : text.strip();
        Matcher matcher = SHAPE.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("The key file does not hold a provisioning key (expected 1|<host>|mpk_...). "
                    + "Copy the whole key as Keygate showed it when the key was created.");
        }
        return new ProvisioningKeyText(matcher.group(1), value);
    }

    /** Never the secret, should the record be printed. */
    @Override
    public String toString() {
        return "ProvisioningKeyText[host=" + host + ", value redacted]";
    }
}
