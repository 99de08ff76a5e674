#!/usr/bin/env bash
# Installs what the deployment checks run besides Java (Debian packages): Prometheus and promtool,
# docker-compose 1.29 (validates docker-compose.yml), podman (builds and runs the images),
# debootstrap (makes the JRE base image without a registry), psql (runs the databases' init script) and
# chromium with a CJK font (the console's browser tests drive it with Playwright; the font makes its
# Chinese pages readable in the screenshots).
# kubectl comes with the machine image.
# Idempotent; needs root. Used by .ci/run; on a workstation, run it once if you want those checks.
set -euo pipefail
packages=(prometheus docker-compose podman catatonit uidmap runc debootstrap postgresql-client chromium fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v kubectl >/dev/null || { echo "kubectl is missing: it is expected on the machine image" >&2; exit 1; }
