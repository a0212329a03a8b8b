#!/usr/bin/env bash
# Where the compute agent's CPU goes (issue 4): perf with the JIT's symbol map on the whole agent
# polling a libvirt test-driver node of N instances every 2 s. A profile, not a benchmark: see
# scripts/profile-compute.py, and measure changes with scripts/bench-compute.sh.
#
# usage: scripts/profile-compute.sh [N [WARM_SECONDS [RECORD_SECONDS]]]   (1000 40 20)
# needs: linux-perf, libvirt0, python3; builds the agent when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
DIST=$ROOT/distribution/felix-dist/target/alidade
[ -x "$DIST/bin/alidade" ] || mvn -B -q -ntp install -DskipTests -pl distribution/felix-dist -am
exec python3 scripts/profile-compute.py "$DIST" "$ROOT/fixtures/libvirt" "$ROOT/distribution/felix-dist/target/bench" "$@"
