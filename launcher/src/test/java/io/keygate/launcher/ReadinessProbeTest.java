package io.keygate.launcher;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadinessProbeTest {

    private final ReadinessProbe probe = new ReadinessProbe(Duration.ofMillis(20));
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private Process sleeper;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void readyOnceTheLoginPageAnswers200() throws Exception {
        URI page = serveLoginPage(3); // 503 twice, as while Payara deploys, then 200

        assertEquals(ReadinessProbe.Outcome.READY, probe.await(page, sleeper(), Duration.ofSeconds(10)));
        assertEquals(3, requests.get());
    }

    @Test
    void reportsAServerThatExited() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertEquals(ReadinessProbe.Outcome.EXITED,
                probe.await(URI.create("http://127.0.0.1:9/login.xhtml"), exited, Duration.ofSeconds(10)));
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        URI page = serveLoginPage(Integer.MAX_VALUE);

        assertEquals(ReadinessProbe.Outcome.TIMED_OUT, probe.await(page, sleeper(), Duration.ofMillis(300)));
    }

    private URI serveLoginPage(int okFromRequest) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/login.xhtml", exchange -> {
            int status = requests.incrementAndGet() >= okFromRequest ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/login.xhtml");
    }

    private Process sleeper() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        return sleeper;
    }
}
