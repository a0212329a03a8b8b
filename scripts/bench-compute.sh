#!/usr/bin/env bash
# Compute benchmark (issue 4): full compute cycles — local_instances discovery, all 30 compute
# pollsters, signing, batches of 50 to the JSON-lines file sink — on libvirt test-driver nodes of
# N instances written by fixtures/libvirt/make-node.py, one fresh JVM per N with the agent's default
# JVM flags (bin/alidade). Prints per cycle and per N: wall time, process CPU time, samples, CPU per
# sample, libvirt calls per cycle and the JVM's peak RSS (VmHWM).
#
# usage: scripts/bench-compute.sh [N ...]      (default: 100 1000 10000; CYCLES=6 by default)
# needs: libvirt0, python3, and `mvn -o install -pl agent-core,pollster-compute` done before.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FIXTURES=${FIXTURES:-$ROOT/fixtures/libvirt}
CYCLES=${CYCLES:-6}
OPTS=${ALIDADE_JAVA_OPTS:-"-Xms16m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k"}
WORK=$ROOT/pollster-compute/target/bench
mkdir -p "$WORK"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
[ -e /usr/lib/x86_64-linux-gnu/libvirt.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libvirt.so.0 ] || {
  echo "bench-compute: libvirt0 (the libvirt client library) is not installed" >&2; exit 1; }
[ -d pollster-compute/target/test-classes ] || mvn -B -q -o install -pl pollster-compute -DskipTests
mvn -B -q -o test-compile -pl pollster-compute
mvn -B -q -o dependency:build-classpath -pl pollster-compute -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP=$ROOT/pollster-compute/target/classes:$ROOT/pollster-compute/target/test-classes:$(cat "$WORK/cp.txt")
for N in "${@:-100 1000 10000}"; do
  for n in $N; do
    node=$WORK/node-$n.xml
    [ -s "$node" ] || python3 "$FIXTURES/make-node.py" "$n" "$node"
    rm -rf "$WORK/samples-$n"
    echo "== N=$n ($CYCLES cycles; JVM: $OPTS)"
    "$JAVA_HOME/bin/java" $OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dalidade.fixtures.libvirt="$FIXTURES" -Dalidade.test.work="$WORK" -cp "$CP" \
      org.alidade.compute.bench.ComputeBenchmark "$node" "$CYCLES" "$WORK/samples-$n"
  done
done
