package io.keygate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReverseProxyTest {

    private static final ReverseProxy.Site SITE = new ReverseProxy.Site(Path.of("/kg/data/nginx"), "127.0.0.1", 8080, 8443,
            Path.of("/kg/data/nginx/keygate.crt"), Path.of("/kg/data/nginx/keygate.key"), List.of(8081, 8082));

    @Test
    void listensOnTheBindAddressOnlyAndSendsEachSessionToOneNodeOnLoopback() {
        String conf = ReverseProxy.configuration(SITE);

        assertTrue(conf.contains("listen 127.0.0.1:8443 ssl;"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:8080;"), conf);
        assertEquals(2, conf.lines().filter(line -> line.strip().startsWith("listen ")).count(), conf);
        assertTrue(conf.contains("server 127.0.0.1:8081 ") && conf.contains("server 127.0.0.1:8082 "), conf);
        assertTrue(conf.contains("hash $affinity consistent;"), conf);
        assertTrue(conf.contains("default $cookie_JSESSIONID;"), conf);
        assertFalse(conf.contains("0.0.0.0"), conf);
    }

    @Test
    void tellsTheNodesTheRequestCameOverHttpsAndKeepsTheirProbesToThemselves() {
        String conf = ReverseProxy.configuration(SITE);

        assertTrue(conf.contains("proxy_set_header X-Forwarded-Proto https;"), conf);
        assertTrue(conf.contains("proxy_set_header X-Forwarded-For $remote_addr;"), "a client's own header is not believed");
        assertFalse(conf.contains("$proxy_add_x_forwarded_for"), conf);
        assertTrue(conf.contains("\"~*^(?<kept>.*?)(?:mpk_|kgt_)\" \"${kept}[cut]\";"), "no key or token value in the access log");
        assertTrue(conf.contains("if ($request_method !~ ^(GET|HEAD)$) {"), "only page requests are redirected to HTTPS");
        assertTrue(conf.contains("proxy_redirect http:// https://;"), conf);
        assertTrue(conf.replaceAll("\\s+", " ").contains("location ~ ^/(health|metrics)(/|$) { return 404; }"), conf);
        assertTrue(conf.replaceAll("\\s+", " ").contains("location ~ \";\" { return 404; }"), "no path parameters: /metrics;x is /metrics to Payara");
        assertTrue(conf.contains("request_id=$upstream_http_x_request_id"), conf);
    }

    @Test
    void anIpv6BindAddressIsBracketed() {
        ReverseProxy.Site site = new ReverseProxy.Site(SITE.directory(), "::1", 8080, 8443, SITE.certificate(), SITE.privateKey(), SITE.nodePorts());
        assertTrue(ReverseProxy.configuration(site).contains("listen [::1]:8443 ssl;"));
    }

    /**
     * The compose file's nginx (ops/compose/nginx.conf) is written by hand beside the one {@code ./keygate cluster}
     * generates, which ClusterIT runs: what keeps sessions, keys and the nodes' probes safe must be in both.
     */
    @Test
    void theComposeProxyKeepsWhatTheClusterProxyKeepsSafe() throws IOException {
        String compose = directives(Files.readString(Path.of(System.getProperty("repository.root", "..")).resolve("ops/compose/nginx.conf"),
                StandardCharsets.UTF_8));
        String cluster = directives(ReverseProxy.configuration(SITE));
        List<String> shared = List.of(
                "server_tokens off;",
                "\"~*^(?<kept>.*?)(?:mpk_|kgt_)\" \"${kept}[cut]\";",
                "\"\" $request_id; default $cookie_JSESSIONID;",
                "max_fails=1 fail_timeout=10s;",
                "keepalive 16;",
                "proxy_http_version 1.1;",
                "proxy_set_header Connection \"\";",
                "proxy_set_header Host $http_host;",
                "proxy_set_header X-Forwarded-For $remote_addr;",
                "proxy_set_header X-Forwarded-Proto https;",
                "proxy_cookie_flags ~ secure;",
                "proxy_next_upstream error timeout http_502 http_503;",
                "if ($request_method !~ ^(GET|HEAD)$) {",
                "ssl_protocols TLSv1.2 TLSv1.3;",
                "client_max_body_size 2m;",
                "client_body_buffer_size 2m;",
                "location ~ \";\" { return 404; }",
                "location ~ ^/(health|metrics)(/|$) { return 404; }");
        for (String directive : shared) {
            assertTrue(cluster.contains(directive), "./keygate cluster's nginx: " + directive);
            assertTrue(compose.contains(directive), "ops/compose/nginx.conf: " + directive);
        }
        for (String conf : List.of(compose, cluster)) {
            Matcher affinity = Pattern.compile("map \\$cookie_JSESSIONID \\$(\\w+) \\{").matcher(conf);
            assertTrue(affinity.find(), conf);
            assertTrue(conf.contains("hash $" + affinity.group(1) + " consistent;"), "the upstream hashes the session cookie: " + conf);
        }
    }

    /** The configuration without comments, its whitespace one space. */
    private static String directives(String conf) {
        return conf.lines().map(line -> line.strip().startsWith("#") ? "" : line).reduce("", (all, line) -> all + " " + line)
                .replaceAll("\\s+", " ");
    }
}
