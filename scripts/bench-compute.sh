#!/usr/bin/env bash
# Compute benchmark (issue 4) on the whole agent: for each N, the assembled agent (bin/alidade
# --service, default JVM flags) polls a libvirt test-driver node of N instances — local_instances,
# every compute pollster, signing, the JSON-lines file sink — and per cycle and per N it prints
# wall time, CPU time, samples, CPU per sample, libvirt calls and the agent's peak RSS.
# Details: scripts/bench-compute.py.
#
# usage: scripts/bench-compute.sh [N ...]      (default: 100 1000 10000)
# env:   CYCLES (16), WARMUP (8), INTERVAL (s, 10), ALIDADE_JAVA_OPTS (other JVM flags)
#        REMOTE=1: the node served by a libvirtd of the benchmark's own (libvirt's remote protocol, as
#        qemu:///system; needs libvirt-daemon): the agent's RSS is its own, its CPU pays a round trip per call
#
# scripts/bench-idle.sh (a link to this script, which runs scripts/bench-idle.py) measures an idle
# agent instead: each thread's CPU time and wakes between cycles.
# usage: scripts/bench-idle.sh [N]              (default: 100)
# env:   WARM (s, 180), READ (s, 120), INTERVAL (s, 300), ALIDADE_JAVA_OPTS
# needs: libvirt0 and python3 (scripts/test.sh installs them); builds the agent when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
[ -e /usr/lib/x86_64-linux-gnu/libvirt.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libvirt.so.0 ] || {
  echo "$(basename "$0" .sh): libvirt0 (the libvirt client library) is not installed" >&2; exit 1; }
DIST=$ROOT/distribution/felix-dist/target/alidade
[ -x "$DIST/bin/alidade" ] || mvn -B -q -ntp install -DskipTests -pl distribution/felix-dist -am
exec python3 "scripts/$(basename "$0" .sh).py" "$DIST" "$ROOT/fixtures/libvirt" "$ROOT/distribution/felix-dist/target/bench" "$@"
