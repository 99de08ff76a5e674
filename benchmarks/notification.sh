#!/usr/bin/env bash
# Notification benchmark against a running stack (start EXDESK_MAIL_CATCHER=off ./run.sh first, in another
# terminal, so the local run's mail catcher leaves the port free). It runs its own SMTP server on
# 127.0.0.1:1025 (notification-service's default mail server) and webhook receiver.
# Usage: benchmarks/notification.sh [serviceUrl] [seconds] [rate] [burst] [kafka] [smtpPort]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d .exdesk/keys ] || { echo "Start the stack first: ./run.sh" >&2; exit 1; }
./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
# The harness shares the two cores with what it measures: C1 only, so its own JIT compilation
# (C2 took a quarter of a core during the measured phase) does not take CPU from the service.
exec java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.exdesk.benchmarks.NotificationBenchmark "$@"
