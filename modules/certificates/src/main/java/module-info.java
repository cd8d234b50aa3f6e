/** Signing certificates: each organisation's enrollment CAs, which sign the certificates of enrolled machines. */
module io.keygate.certificates {
    requires io.keygate.platform;
    requires io.keygate.accounts;
    requires io.keygate.audit;
    requires io.keygate.keymaterial;
    requires jakarta.persistence;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires jakarta.transaction;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    exports io.keygate.certificates.api;
    // EclipseLink and Weld create proxies of, and read fields from, the implementation by reflection
    opens io.keygate.certificates.internal;
}
