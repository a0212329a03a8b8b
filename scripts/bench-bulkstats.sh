#!/usr/bin/env bash
# Reading qemu-shaped bulk statistics (issue 4): BulkStatsBench, a command and not a test, with the
# agent's default JVM flags (from bin/alidade). The libvirt test driver answers only the domain
# state, so the records are built in native memory as qemu fills them.
#
# usage: scripts/bench-bulkstats.sh [DOMAINS [VCPUS [DISKS [NICS]]]]   (1000 2 2 2)
# env:   ALIDADE_JAVA_OPTS (JVM flags instead of the agent's defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
FLAGS=${ALIDADE_JAVA_OPTS:-$(grep -o '"-Xms16m[^"]*"' distribution/felix-dist/src/main/dist/bin/alidade | tr -d '"')}
[ -n "$FLAGS" ] || { echo "bench-bulkstats: no default JVM flags found in bin/alidade" >&2; exit 1; }
ARGS="${1:-1000} ${2:-2} ${3:-2} ${4:-2}"
mvn -B -q -ntp -pl pollster-compute -am install -DskipTests
exec mvn -B -q -ntp -pl pollster-compute test-compile exec:exec -Dexec.classpathScope=test \
  -Dexec.executable="$JAVA_HOME/bin/java" \
  -Dexec.args="$FLAGS -classpath %classpath org.alidade.compute.libvirt.BulkStatsBench $ARGS"
