package io.keygate.web.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real WAR built by {@code package}: tests deploy exactly what ships, at the root context as {@code ./keygate run}
 * does (named ROOT.war), so what Payara adds to the root application, like /openapi, is tested as it runs. The
 * additions are test probes: {@link CspViolationProbe}, which lets browser tests count the policy violations the
 * server was told of, {@link LogBarrierProbe}, which lets a test wait until the server's log holds all it wrote,
 * {@link PasswordAgeProbe}, which ages a session's password for the step-up tests, and
 * {@link SecretInAddressProbe}, which logs any request that carries a key's value in its address, and
 * {@link ServerIdentityProbe}, which tells a test which HTTPS port is this server's.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive keygateWar() {
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war", "target/keygate.war")));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(built)
                .addClasses(CspViolationProbe.class, LogBarrierProbe.class, PasswordAgeProbe.class, SecretInAddressProbe.class, ServerIdentityProbe.class,
                        SecretHygiene.class, TestHttps.class);
    }
}
