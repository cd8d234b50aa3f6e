package io.keygate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * nginx from the system's packages in front of the nodes of {@code ./keygate cluster}: it ends TLS, sends a browser
 * session's requests to one node (a hash of its session cookie; requests without one are spread by their request id),
 * tries the next node when one does not answer, and keeps {@code /health} and {@code /metrics} to the nodes' own ports.
 * Its access log names the node and the node's request id of every request.
 */
final class ReverseProxy implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;

    private ReverseProxy(Process process) {
        this.process = process;
    }

    /** Where the proxy keeps its files and what it serves. */
    record Site(Path directory, String bindAddress, int httpPort, int httpsPort, Path certificate, Path privateKey, List<Integer> nodePorts) {
    }

    /** The nginx binary: {@code KEYGATE_NGINX}, else the Debian package's. */
    static Optional<Path> binary(String configured) {
        Path nginx = Path.of(configured == null || configured.isBlank() ? "/usr/sbin/nginx" : configured);
        return Files.isExecutable(nginx) ? Optional.of(nginx) : Optional.empty();
    }

    static String configuration(Site site) {
        String dir = site.directory().toString();
        String nodes = site.nodePorts().stream()
                .map(port -> "        server 127.0.0.1:" + port + " max_fails=1 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        String listen = site.bindAddress().contains(":") ? "[" + site.bindAddress() + "]" : site.bindAddress();
        return """
                # written by ./keygate cluster at every start; edits are lost
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    # the path as the node decoded it, cut where a key or token value would start (pasted by mistake)
                    map $uri $logged_path {
                        "~*^(?<kept>.*?)(?:mpk_|kgt_)" "${kept}[cut]";
                        default $uri;
                    }
                    log_format keygate '$remote_addr [$time_iso8601] "$request_method $logged_path" $status $body_bytes_sent '
                                       '$request_time node=$upstream_addr request_id=$upstream_http_x_request_id';
                    access_log %1$s/access.log keygate;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    server_tokens off;

                    # a browser session stays on one node (its ajax requests and view state belong together); sessions are
                    # also shared through the nodes' Hazelcast, so when that node goes, the next one carries on
                    map $cookie_JSESSIONID $affinity {
                        "" $request_id;
                        default $cookie_JSESSIONID;
                    }
                    upstream keygate {
                        hash $affinity consistent;
                %2$s
                        keepalive 16;
                    }

                    # plain HTTP reaches no node: a page request is sent to HTTPS, anything else (a form, an API call, an
                    # enrollment) refused, since what it carried has crossed the network already
                    server {
                        listen %3$s:%4$d;
                        location / {
                            if ($request_method !~ ^(GET|HEAD)$) {
                                return 403 "Keygate takes this request over HTTPS only.\n";
                            }
                            return 301 https://$host:%5$d$request_uri;
                        }
                    }

                    server {
                        listen %3$s:%5$d ssl;
                        ssl_certificate %6$s;
                        ssl_certificate_key %7$s;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        client_max_body_size 2m;
                        # bodies stay in memory: the workers may not be allowed into the data directory
                        client_body_buffer_size 2m;

                        # Payara drops ";..." path parameters before it routes (/metrics;x is /metrics to it), and Keygate
                        # tracks sessions by cookie only, so none of its addresses has one: refuse them all
                        location ~ ";" {
                            return 404;
                        }

                        # probes and scrapers ask the nodes themselves
                        location ~ ^/(health|metrics)(/|$) {
                            return 404;
                        }

                        location / {
                            proxy_pass http://keygate;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            # nginx is the outermost proxy: what a client wrote into X-Forwarded-For itself is not passed on
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto https;
                            # the nodes speak plain HTTP, so their absolute redirects say http://; the browser came by https
                            proxy_redirect http:// https://;
                            # their session cookie goes only over HTTPS, as the browser reached it
                            proxy_cookie_flags ~ secure;
                            # exports stream for minutes, row by row
                            proxy_buffering off;
                            proxy_read_timeout 300s;
                            # a node that is gone or stopping: the next one (nginx resends only idempotent requests)
                            proxy_next_upstream error timeout http_502 http_503;
                        }
                    }
                }
                """.formatted(dir, nodes, listen, site.httpPort(), site.httpsPort(), site.certificate(), site.privateKey());
    }

    static ReverseProxy start(Path nginx, Site site) throws IOException {
        for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(site.directory().resolve("temp").resolve(temp));
        }
        Path conf = site.directory().resolve("nginx.conf");
        Files.writeString(conf, configuration(site), StandardCharsets.UTF_8);
        // -e: the error log from the first moment, before the configuration names it (else /var/log/nginx)
        Process process = new ProcessBuilder(nginx.toString(), "-p", site.directory().toString(), "-c", conf.toString(),
                "-e", site.directory().resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(site.directory().resolve("nginx.out").toFile())
                .start();
        return new ReverseProxy(process);
    }

    Process process() {
        return process;
    }

    /** SIGTERM: nginx closes its listeners and ends; requests still running are cut, the nodes stop after it anyway. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!LeftoverProcesses.awaitExit(process.toHandle(), STOP_GRACE)) {
            process.destroyForcibly();
            LeftoverProcesses.awaitExit(process.toHandle(), STOP_GRACE);
        }
    }
}
