#!/usr/bin/env bash
# The whole pipeline against a running stack: start `EXDESK_MAIL_CATCHER=off ./run.sh` first, in another
# terminal (this harness runs its own SMTP server on 127.0.0.1:1025, notification-service's default, and a
# webhook receiver). Arguments are name=value, all optional:
#   rate=200 seconds=180 burst=10000 inflight=64 queue=0 agents=20 smtp=on|off answer=on|off jfr=DIR
#   ticket-url=http://127.0.0.1:8081 routing-url=http://127.0.0.1:8082 notification-url=http://127.0.0.1:8084
#   kafka=127.0.0.1:19092 smtp-port=1025
# Example: benchmarks/pipeline.sh rate=200 seconds=180 burst=10000 queue=10000
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d .exdesk/keys ] || { echo "Start the stack first: EXDESK_MAIL_CATCHER=off ./run.sh" >&2; exit 1; }
./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
# The harness shares the two cores with what it measures: C1 only, so its own JIT compilation does not take
# CPU from the services.
exec java -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.exdesk.benchmarks.PipelineBenchmark "$@"
