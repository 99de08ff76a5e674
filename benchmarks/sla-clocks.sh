#!/usr/bin/env bash
# SLA clocks benchmark: a million open clocks, restore time, idle CPU and firing lateness.
# Self-contained (starts its own Kafka, durable PostgreSQL and sla-service; stops them at the end).
# Usage: benchmarks/sla-clocks.sh [clocks] [spreadMinutes] [measureSeconds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl sla-service,benchmarks -am package -Dmaven.test.skip=true
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.exdesk.benchmarks.SlaClocksBenchmark "$@"
