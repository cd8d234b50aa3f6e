package io.keygate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeftoverProcessesTest {

    @TempDir
    Path data;

    @Test
    void readsThePostmasterPidFromTheFirstLine() {
        assertEquals(OptionalLong.of(4242), LeftoverProcesses.postmasterPid(List.of("4242", "/data/postgres", "1700000000")));
        assertEquals(OptionalLong.empty(), LeftoverProcesses.postmasterPid(List.of()));
        assertEquals(OptionalLong.empty(), LeftoverProcesses.postmasterPid(List.of("garbage")));
    }

    @Test
    void matchesAnOptionFollowedByItsValue() {
        List<String> args = List.of("-D", "/data/postgres", "-p", "5432");

        assertTrue(LeftoverProcesses.hasOption(args, "-D", "/data/postgres"));
        assertFalse(LeftoverProcesses.hasOption(args, "-D", "/data/postgres2"));
        assertFalse(LeftoverProcesses.hasOption(args, "-p", "/data/postgres"));
        assertFalse(LeftoverProcesses.hasOption(List.of("-D"), "-D", "/data/postgres"));
    }

    @Test
    void deletesAPidFileWhosePostmasterIsGone() throws IOException {
        Path postgres = Files.createDirectories(data.resolve("postgres"));
        // this test's own PID: alive, but not a postmaster of that directory, like a PID reused after a reboot
        Files.writeString(postgres.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + postgres + "\n");

        LeftoverProcesses.stop(data.resolve("payara-runtime"), postgres);

        assertFalse(Files.exists(postgres.resolve("postmaster.pid")));
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void nothingToDoWithoutAPidFile() throws IOException {
        Path postgres = Files.createDirectories(data.resolve("postgres"));

        LeftoverProcesses.stop(data.resolve("payara-runtime"), postgres);

        assertTrue(Files.isDirectory(postgres));
    }

    @Test
    void stopsTheNginxOfItsOwnSiteThatAKilledLauncherLeftRunning() throws Exception {
        Path site = Files.createDirectories(data.resolve("nginx"));
        int port = FreePort.onLoopback();
        Files.writeString(site.resolve("nginx.conf"), "pid " + site.resolve("nginx.pid") + ";\nworker_processes 1;\nevents {}\n"
                + "http { access_log off; client_body_temp_path temp; proxy_temp_path temp; fastcgi_temp_path temp; uwsgi_temp_path temp; "
                + "scgi_temp_path temp; server { listen 127.0.0.1:" + port + "; return 204; } }\n");
        Path nginx = ReverseProxy.binary(null).orElseThrow(() -> new AssertionError("Debian's nginx is missing (.ci/run installs it)"));
        Process started = new ProcessBuilder(nginx.toString(), "-p", site.toString(), "-c", site.resolve("nginx.conf").toString(),
                "-e", site.resolve("error.log").toString()).redirectErrorStream(true).redirectOutput(site.resolve("nginx.out").toFile()).start();
        assertEquals(0, started.waitFor(), "nginx started (it goes to the background)");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(site.resolve("nginx.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ProcessHandle master = ProcessHandle.of(LeftoverProcesses.postmasterPid(Files.readAllLines(site.resolve("nginx.pid"))).orElseThrow())
                .orElseThrow();
        assertFalse(FreePort.isFree("127.0.0.1", port), "nginx listens");

        LeftoverProcesses.stopProxy(site);

        assertFalse(master.isAlive());
        assertTrue(FreePort.isFree("127.0.0.1", port), "its port is free again");
    }

    @Test
    void leavesAloneAProcessThatNowHasTheProxysOldPid() throws IOException {
        Path site = Files.createDirectories(data.resolve("nginx"));
        // this test's own PID: alive, but no nginx, like a PID reused after a reboot
        Files.writeString(site.resolve("nginx.pid"), ProcessHandle.current().pid() + "\n");

        LeftoverProcesses.stopProxy(site);

        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void knowsTheProxyOfASiteByItsProcessTitle() {
        Path site = Path.of("/data/nginx");
        assertTrue(LeftoverProcesses.isProxyOf("nginx: master process /usr/sbin/nginx -p /data/nginx -c /data/nginx/nginx.conf", site));
        assertTrue(LeftoverProcesses.isProxyOf("nginx: master process /usr/sbin/nginx -p /data/nginx", site));
        assertFalse(LeftoverProcesses.isProxyOf("nginx: master process /usr/sbin/nginx -p /data/nginx2 -c /data/nginx2/nginx.conf", site));
        assertFalse(LeftoverProcesses.isProxyOf("nginx: worker process", site));
        assertFalse(LeftoverProcesses.isProxyOf("/usr/bin/java -p /data/nginx", site));
    }
}
