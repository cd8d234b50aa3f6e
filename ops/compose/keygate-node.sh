#!/bin/sh
# The entrypoint of the Keygate image (Dockerfile): one Keygate node on Payara Micro, plain HTTP on 8080 for the
# reverse proxy in front of it, Hazelcast on for the cluster. The arguments (the image's CMD, or compose's `command:`)
# are the node's cluster options and are handed to Payara Micro as they are.
#
# Passwords arrive as files (compose secrets, /run/secrets/...), never as environment literals: for each variable
# below, <VARIABLE>_FILE names the file and the variable is set from it here, inside the container, so the value is in
# no compose file, no `docker inspect` and no command line. KEYGATE_PEPPER_FILE and KEYGATE_MASTER_KEY_FILE are not
# among them: Keygate reads those files itself (and checks their mode).
set -eu

for variable in KEYGATE_DB_PASSWORD KEYGATE_DB_APP_PASSWORD KEYGATE_ADMIN_PASSWORD KEYGATE_OPERATOR_PASSWORD; do
    eval "file=\${${variable}_FILE:-}"
    [ -n "$file" ] || continue
    eval "given=\${${variable}:-}"
    if [ -n "$given" ]; then
        echo "keygate-node: set ${variable} or ${variable}_FILE, not both" >&2
        exit 2
    fi
    if [ ! -r "$file" ]; then
        echo "keygate-node: ${variable}_FILE=$file cannot be read by $(id -un) (uid $(id -u))" >&2
        exit 2
    fi
    # $(...) drops the file's final newline, as an editor or `openssl rand -base64` leaves one
    value=$(cat "$file")
    if [ -z "$value" ]; then
        echo "keygate-node: $file (${variable}_FILE) is empty" >&2
        exit 2
    fi
    export "$variable=$value"
    unset "${variable}_FILE"
done
unset variable file given value

# KEYGATE_LOG_FORMAT=json: Payara's whole log as one JSON object per line, Keygate's request lines included (as
# ./keygate does it, with the same file)
case "${KEYGATE_LOG_FORMAT:-text}" in
    json|JSON) set -- --logproperties /opt/payara/logging-json.properties "$@" ;;
    text|TEXT) ;;
    *) echo "keygate-node: KEYGATE_LOG_FORMAT must be text or json, not '${KEYGATE_LOG_FORMAT}'" >&2; exit 2 ;;
esac

# Payara unpacks its runtime here; a restarted container keeps its file system, so start from an empty one
runtime=/opt/payara/runtime
rm -rf "$runtime"

# -XX:+ExitOnOutOfMemoryError: a node out of memory ends (compose restarts it; its sessions live on in the other node)
# instead of limping on. Hazelcast neither calls home nor stops on its own shutdown hook: with the hook off, Hazelcast
# leaves the cluster only after Payara has stopped, so the application's own end runs and sessions written during
# --shutdowngrace (compose's command) still reach the other node. JVM_ARGS: the base image's defaults plus whatever
# compose adds; word splitting is wanted there.
# shellcheck disable=SC2086
exec java \
    -Xmx"${KEYGATE_HEAP:-768m}" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
    -Dhazelcast.phone.home.enabled=false -Dhazelcast.shutdownhook.enabled=false \
    ${JVM_ARGS:-} \
    -jar /opt/payara/payara-micro.jar \
    --deploy /opt/payara/keygate.war \
    --contextroot / \
    --port 8080 \
    --prebootcommandfile /opt/payara/payara-node.asadmin \
    --disablephonehome \
    --rootdir "$runtime" \
    "$@"
