package io.keygate.launcher;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Waits until a page answers (the login page: 200, or 301 to HTTPS; a node's readiness: 200 with its checks), the server process dies, or the time is up. */
final class ReadinessProbe {

    enum Outcome { READY, EXITED, TIMED_OUT }

    private final Duration interval;

    ReadinessProbe(Duration interval) {
        this.interval = interval;
    }

    Outcome await(URI page, Process server, Duration timeout) throws InterruptedException {
        return await(page, null, server, timeout);
    }

    /**
     * Waits for a 200 whose body holds {@code required} (null: any answer that counts). A cluster node's
     * {@code /health/ready} needs it: Payara answers 200 with no checks at all when the application failed to deploy.
     */
    Outcome await(URI page, String required, Process server, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return Outcome.EXITED;
            }
            if (answersOk(page, required)) {
                return Outcome.READY;
            }
            Thread.sleep(interval.toMillis());
        }
        return Outcome.TIMED_OUT;
    }

    private static boolean answersOk(URI page, String required) {
        HttpURLConnection connection = null;
        try {
            // straight to this machine, whatever proxy settings the JVM was given
            connection = (HttpURLConnection) page.toURL().openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            // no idle keep-alive connection to Payara left behind once it is up
            connection.setRequestProperty("Connection", "close");
            int status = connection.getResponseCode();
            if (required != null) {
                return status == 200 && new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains(required);
            }
            // a bind address other than loopback makes this request one from "elsewhere", which is sent to HTTPS
            return status == 200 || status == 301;
        } catch (IOException e) {
            return false; // not listening yet
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
