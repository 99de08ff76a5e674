#!/usr/bin/env bash
# Makes the JRE 17 base image that the `images` Maven profile builds the services' images on, without a
# registry: a minimal Debian bookworm root (debootstrap from the Debian archive) with the headless JRE,
# imported into podman as localhost/exdesk/jre17:bookworm, and saved as deploy/images/target/jre17.tar,
# which the profile reads (tar://): Quarkus' jib asks for a docker:// base image with the `docker`
# command whatever quarkus.jib.docker-executable-name says, and no Docker engine runs here. Real builds
# keep Quarkus' default base image; this one exists because no registry is reachable here.
#
# The Quarkus jib layout with a base image other than its default: the app in /home/jboss, entrypoint
# `java ... -jar quarkus-run.jar`, run as quarkus.jib.user (185). So the image has `java` on the PATH,
# a jboss user with uid 185 whose home is /home/jboss, and a UTF-8 locale (Java 17 otherwise takes
# ASCII as its default charset in a bare root).
#
# Idempotent: debootstrap runs only when podman has no such image. Needs root, debootstrap and podman
# (deploy/install-tools.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=localhost/exdesk/jre17:bookworm
archive=$here/target/jre17.tar
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

build_image() {
  root=$(mktemp -d /var/tmp/exdesk-jre17.XXXXXX)
  log=$root.log
  trap 'rm -rf "$root" "$log"' EXIT
  echo "debootstrap bookworm with openjdk-17-jre-headless into $root"
  if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$root" >"$log" 2>&1; then
    tail -30 "$log" >&2
    exit 1
  fi

  # Nothing at run time needs the downloaded packages, the package lists, documentation or translations.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
         "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  echo "jboss:x:185:" >>"$root/etc/group"
  echo "jboss:x:185:185:ExDesk service:/home/jboss:/usr/sbin/nologin" >>"$root/etc/passwd"
  echo "jboss:!:19000::::::" >>"$root/etc/shadow"
  install -d -m 0755 -o 185 -g 185 "$root/home/jboss"
  # The image must not run as root by itself either; jib sets the same user again.
  tar -C "$root" --numeric-owner -c . | podman import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change "USER 185" \
    --change "WORKDIR /home/jboss" \
    --message "Debian bookworm minbase with openjdk-17-jre-headless, user jboss (185)" \
    --quiet - "$image" >/dev/null
}

if podman image exists "$image"; then
  echo "$image exists"
else
  build_image
fi
# Saved each time (seconds): the archive must be the image podman has, and a fresh clone has none.
mkdir -p "$(dirname "$archive")"
podman save --quiet --format docker-archive -o "$archive.part" "$image"
mv "$archive.part" "$archive"
podman image ls "$image"
