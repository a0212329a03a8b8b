#!/usr/bin/env bash
# Runs the whole Alidade test suite on a fresh machine: installs what is missing, then builds
# every module and runs the unit tests (Surefire) and the framework/system tests (Failsafe).
#
# Each part of the suite declares what it needs in scripts/prereqs.d/<part>.sh: Debian packages
# (appended to APT_PACKAGES) and, if it must, a function to run after they are installed
# (appended to PREREQ_HOOKS). Nothing is skipped: a prerequisite that cannot be installed fails here.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(maven openjdk-17-jdk-headless)
PREREQ_HOOKS=()
for f in scripts/prereqs.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck disable=SC1090
  . "$f"
done

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} (apt)"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
for hook in "${PREREQ_HOOKS[@]}"; do
  "$hook"
done

# Java 17 is the target (Karaf 4.4 does not start on newer Javas).
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"

exec mvn -B -ntp install "$@"
