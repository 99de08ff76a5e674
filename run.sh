#!/usr/bin/env bash
# Runs all of ExDesk on this machine: builds it, starts Kafka and PostgreSQL (data in .exdesk/), a mail
# catcher and webhook log (http://127.0.0.1:8025/), every service on its fixed port, registers the demo
# agents once, and prints the URLs, a token per role and how to try it (docs/quickstart.md). Ctrl-C
# stops everything. Needs only Java 17.
set -euo pipefail
cd "$(dirname "$0")"

# The build is skipped when nothing that goes into it changed since the last successful one: a restart
# then starts in seconds instead of re-packaging every service (about 100 s on 2 cores). "Changed" is any
# file or directory newer than the stamp (a deleted file changes its directory), leaving out what is no
# input: build output (target/), the local run's data (.exdesk/), git, docs and what .gitignore ignores.
# EXDESK_BUILD=always ./run.sh builds anyway.
stamp=target/run.sh-last-build
built_outputs=(testkit/target/classes testkit/target/lib)
for module in ticket-service routing-service sla-service notification-service console; do
  built_outputs+=("$module/target/quarkus-app/quarkus-run.jar")
done

build_needed() {
  [ "${EXDESK_BUILD:-}" = always ] && return 0
  [ -e "$stamp" ] || return 0
  local output
  for output in "${built_outputs[@]}"; do
    [ -e "$output" ] || return 0
  done
  [ -n "$(find . -mindepth 1 \( -path ./.git -o -path ./.exdesk -o -path ./docs -o -name target -o -name .idea \
      -o -name .vscode -o -name '*.log' -o -name .jqwik-database -o \( -name '*.md' ! -path '*/src/*' \) \) -prune \
      -o -newer "$stamp" -print -quit)" ]
}

if build_needed; then
  echo "Building ExDesk (the first build downloads dependencies and takes a few minutes)..."
  # Every module's target/ exists before the stamp: made by the build, it would leave the module's directory
  # newer than the stamp, and the next start would build everything again.
  find . \( -path ./.git -o -path ./.exdesk -o -name target \) -prune -o -name pom.xml -print \
    | while read -r pom; do mkdir -p "$(dirname "$pom")/target"; done
  # Stamped with the time the build started: a file edited while it ran is built next time.
  touch "$stamp.new"
  ./mvnw -B -q -Plocal-run package -Dmaven.test.skip=true
  mv "$stamp.new" "$stamp"
else
  echo "Nothing changed since the last build: not building (EXDESK_BUILD=always ./run.sh builds anyway)."
fi
# 256 MiB: on a fresh machine the launcher unpacks the PostgreSQL binaries (xz), which needs more than 64 MiB.
exec java -Xmx256m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "testkit/target/classes:testkit/target/lib/*" io.exdesk.testkit.LocalRun
