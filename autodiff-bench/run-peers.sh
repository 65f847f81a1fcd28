#!/usr/bin/env bash
# Side-by-side table of autodiff against PyTorch (DJL) and ND4J/SameDiff, at 1 and 2 threads.
#
#   autodiff-bench/run-peers.sh [output.md]        (from the repository root; default autodiff-bench/target/peer-table.md)
#
# Builds the benchmark jar with the peers (-Ppeers; about 250 MB from Maven Central on the first
# run), then runs org.autodiff.bench.PeerTable once per thread count. Each run gives every engine
# the same number of threads: the common ForkJoinPool for autodiff, torch's intra-op threads for
# PyTorch, OMP_NUM_THREADS (read when ND4J's native library loads) for ND4J. Set SKIP_BUILD=1 to
# reuse an existing jar, THREADS="1 2" to choose the counts. About 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-autodiff-bench/target/peer-table.md}"
threads="${THREADS:-1 2}"
jar=autodiff-bench/target/benchmarks.jar

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -Ppeers -pl autodiff-bench -am package -DskipTests
fi

mkdir -p autodiff-bench/target "$(dirname "$out")"
start=$(date +%s)
{
  echo "# autodiff against peers"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) logical CPUs"
  echo "- JVM: $(java -version 2>&1 | head -1)"
  echo "- command: autodiff-bench/run-peers.sh (threads: $threads)"
} > "$out"

extras=--extras
for t in $threads; do
  raw="autodiff-bench/target/peer-table-$t.raw"
  OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
    java -cp "$jar" org.autodiff.bench.PeerTable --threads "$t" $extras \
      --log "autodiff-bench/target/peer-table-jmh-$t.log" > "$raw" 2> "autodiff-bench/target/peer-table-$t.err"
  # keep the table, drop the forks' native-library chatter printed before it
  sed -n '/^### /,$p' "$raw" >> "$out"
  extras=
done
echo >> "$out"
echo "Total run time: $(( $(date +%s) - start )) s." >> "$out"
cat "$out"
