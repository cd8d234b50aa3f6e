# syntax=docker/dockerfile:1
# The Keygate image: one node of docker-compose.yml (Payara Micro with the WAR at "/", plain HTTP on 8080 behind
# nginx, Hazelcast on 6900 for the cluster). `docker compose up -d --build` builds it; so does
#   docker build -t keygate .
# No Docker engine runs on the developers' machines: this file is checked by reading, not by building (README).

# --- 1: build the WAR with the Maven wrapper (the version .mvn/wrapper pins) ---------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# the wrapper and every pom first: this layer and Maven's download stay cached while only sources change
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY modules/platform/pom.xml modules/platform/
COPY modules/accounts/pom.xml modules/accounts/
COPY modules/audit/pom.xml modules/audit/
COPY modules/groups/pom.xml modules/groups/
COPY modules/keymaterial/pom.xml modules/keymaterial/
COPY modules/keys/pom.xml modules/keys/
COPY modules/certificates/pom.xml modules/certificates/
COPY modules/preferences/pom.xml modules/preferences/
COPY modules/export/pom.xml modules/export/
COPY modules/tokens/pom.xml modules/tokens/
COPY enroll-client/pom.xml enroll-client/
COPY webapp/pom.xml webapp/
# the reactor reads every module's pom, the launcher's too, though only the WAR and what it needs are built
COPY launcher/pom.xml launcher/
# fetches Maven itself once (mvnw keeps it under ~/.m2/wrapper)
RUN --mount=type=cache,id=keygate-m2,target=/root/.m2 ./mvnw -B -q --version
COPY db db
COPY modules modules
COPY enroll-client enroll-client
COPY webapp webapp
# -pl webapp -am: the WAR and the modules it depends on (not the launcher, which bundles Payara and PostgreSQL for
# ./keygate run); the cache mount keeps ~/.m2 between builds without putting it into a layer
RUN --mount=type=cache,id=keygate-m2,target=/root/.m2 \
    ./mvnw -B -q -pl webapp -am package -DskipTests \
    && cp webapp/target/keygate.war /build/keygate.war

# --- 2: run it on Payara Micro -------------------------------------------------------------------------------------
FROM payara/micro:6.2025.10-jdk17
# root-owned and read-only for the image's user (payara, uid 1000), which Payara runs as
COPY --from=build /build/keygate.war /opt/payara/keygate.war
COPY ops/compose/payara-node.asadmin payara/logging-json.properties /opt/payara/
COPY --chmod=755 ops/compose/keygate-node.sh ops/compose/keygate-ready.sh /opt/payara/
USER payara
WORKDIR /opt/payara
# 8080: HTTP for the reverse proxy and for Prometheus (/metrics); 6900: Hazelcast between the nodes
EXPOSE 8080 6900
# ready: /health/ready answers 200 with Keygate's own checks in it (database, migrations, key material)
HEALTHCHECK --interval=5s --timeout=4s --start-period=180s --retries=3 CMD ["/opt/payara/keygate-ready.sh"]
ENTRYPOINT ["/opt/payara/keygate-node.sh"]
# a node of docker-compose.yml's two; compose's `command:` gives each node its own --name. On SIGTERM Payara serves on
# for --shutdowngrace (ms), then stops: whatever stops the container must wait longer (compose: stop_grace_period)
CMD ["--name", "keygate", "--clustername", "keygate", "--clustermode", "tcpip:keygate-1:6900,keygate-2:6900", \
     "--startport", "6900", "--shutdowngrace", "20000"]
