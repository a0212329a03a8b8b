#!/usr/bin/env bash
# Runs the whole Alidade test suite on a fresh machine: installs what is missing, then builds
# every module and runs the unit tests (Surefire) and the framework tests (Failsafe, a real
# Felix with the real bundles).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] || need_apt+=(openjdk-17-jdk-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} (apt)"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

# Java 17 is the target (Karaf 4.4 does not start on newer Javas).
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"

exec mvn -B -ntp install "$@"
