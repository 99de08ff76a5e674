#!/usr/bin/env bash
# Runs all of ExDesk on this machine: builds it, starts Kafka and PostgreSQL (data in .exdesk/), a mail
# catcher and webhook log (http://127.0.0.1:8025/), every service on its fixed port, registers the demo
# agents once, and prints the URLs, a token per role and how to try it (docs/quickstart.md). Ctrl-C
# stops everything. Needs only Java 17.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building ExDesk (the first build downloads dependencies and takes a few minutes)..."
./mvnw -B -q -Plocal-run package -Dmaven.test.skip=true
# 256 MiB: on a fresh machine the launcher unpacks the PostgreSQL binaries (xz), which needs more than 64 MiB.
exec java -Xmx256m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "testkit/target/classes:testkit/target/lib/*" io.exdesk.testkit.LocalRun
