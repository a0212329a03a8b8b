#!/usr/bin/env bash
# Runs the Alidade agent with its default configuration (builds it first when the sources are
# newer than the last build). The agent lives in ./alidade-home: etc/ (configuration), data/
# (samples, logs, ConfigAdmin store), deploy/ (drop bundle jars here). Rebuilding refreshes its
# programs (bin, lib, bundle, examples, conf) and never touches etc/, data/ or deploy/.
#   scripts/run.sh             foreground, Gogo shell (try: alidade:plan, alidade:status; stop 0 quits)
#   scripts/run.sh --once      poll every source once, print a summary, exit
#   scripts/run.sh --service   no console; stop with SIGTERM
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dist="$root/distribution/felix-dist/target/alidade"
home="${ALIDADE_HOME:-$root/alidade-home}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}

stale=yes
if [ -x "$dist/bin/alidade" ] && [ -f "$dist/lib/launcher.jar" ]; then
  stale=$(find . -path ./alidade-home -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$dist/lib/launcher.jar" -print -quit)
fi
if [ -n "$stale" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "run.sh: installing Maven and JDK 17 (apt)"
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq maven openjdk-17-jdk-headless
  fi
  echo "run.sh: building the agent (mvn install -DskipTests)…"
  mvn -B -q -ntp install -DskipTests -pl distribution/felix-dist -am
fi

mkdir -p "$home"
for d in bin lib bundle examples conf; do
  rm -rf "${home:?}/$d"
  cp -r "$dist/$d" "$home/$d"
done
for d in etc deploy; do
  [ -d "$home/$d" ] || cp -r "$dist/$d" "$home/$d"
done
exec "$home/bin/alidade" "$@"
