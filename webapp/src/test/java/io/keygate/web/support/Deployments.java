package io.keygate.web.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR built by {@code package}: tests deploy exactly what ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive keygateWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war", "target/keygate.war")));
    }
}
