#!/usr/bin/env bash
# Callback delivery latency at a fixed rate. Self-contained: starts its own Kafka, a durable PostgreSQL and the
# packaged notification-service (no ./run.sh needed), and receives the callbacks in-process.
# Usage: benchmarks/callbacks.sh [seconds=60] [rate=100] [warmupSeconds=60] [tickets=200]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl notification-service,benchmarks -am package -Dmaven.test.skip=true
# C1 only for the harness, which shares the two cores with what it measures (see notification.sh).
exec java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.exdesk.benchmarks.CallbackBenchmark "$@"
