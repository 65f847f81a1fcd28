#!/usr/bin/env bash
# Side-by-side table of autodiff (pure-Java, OpenBLAS and Vector API backends) against PyTorch (DJL) and
# ND4J/SameDiff, at 1 and 2 threads, then the heap after 10⁵ training steps.
#
#   autodiff-bench/run-peers.sh [output.md]        (from the repository root; default autodiff-bench/target/peer-table.md)
#
# Builds the benchmark jar with the peers (-Ppeers; about 250 MB from Maven Central on the first
# run), then runs org.autodiff.bench.PeerTable once per thread count. Each run gives every engine
# the same number of threads: -Dautodiff.threads for autodiff (its Java worker pool and OpenBLAS),
# torch's intra-op threads for PyTorch, OMP_NUM_THREADS (read when ND4J's native library loads)
# for ND4J. Last, org.autodiff.bench.HeapAfterTraining (a plain program, about 10 s).
#
# SKIP_BUILD=1 reuses an existing jar, THREADS="1 2" chooses the counts. ONLY=TransformerLayer,Lstm
# runs only the named workloads (benchmark classes without engine prefix and "Benchmark"; the
# autodiff-only extras and the heap run are then left out); INCLUDE=REGEX narrows further, matched
# against the whole benchmark name, e.g. ONLY=Mlp INCLUDE='.*trainingStep'. BENCH_OPTS adds JVM options to
# PeerTable's, e.g. BENCH_OPTS="-Dbench.time=1000 -Dbench.iterations=5" for longer iterations
# (see PeerTable's class comment). QUICK=1 is a smoke test
# (one thread, 0.1 s iterations, 1024² matrices and one MLP shape only, 10⁴ training
# steps; 745 s on the busy shared 2-core machine on 2026-12-02, as every fork pre-touches its
# heap): its numbers mean nothing. The full run takes about 50 minutes on 2 cores (3008 s on 2026-12-03; each fork pre-touches a 3 GB heap, and warms up for 3 s at 1 thread, 8 s at 2 threads).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-autodiff-bench/target/peer-table.md}"
jar=autodiff-bench/target/benchmarks.jar
if [ -n "${QUICK:-}" ]; then
  threads="${THREADS:-1}"
  tuning=(-Dbench.time=100 -Dbench.iterations=1 -Dbench.sizes=1024 -Dbench.mlp=784-256-10/256 -Dbench.n=10)
  heap_args=(10000 1000)
else
  threads="${THREADS:-1 2}"
  tuning=()
  heap_args=()
fi
only=()
if [ -n "${ONLY:-}" ]; then
  only=(--only "$ONLY")
fi
if [ -n "${INCLUDE:-}" ]; then
  only+=(--include "$INCLUDE")
fi

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
  echo "- command: autodiff-bench/run-peers.sh (threads: $threads${ONLY:+, ONLY=$ONLY}${INCLUDE:+, INCLUDE=$INCLUDE}${BENCH_OPTS:+, BENCH_OPTS=$BENCH_OPTS}${QUICK:+, QUICK=1: smoke test, numbers mean nothing})"
} > "$out"

extras=--extras
if [ -n "${ONLY:-}${INCLUDE:-}" ]; then
  extras=
fi
for t in $threads; do
  raw="autodiff-bench/target/peer-table-$t.raw"
  OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
    java ${tuning[@]+"${tuning[@]}"} ${BENCH_OPTS:-} -cp "$jar" org.autodiff.bench.PeerTable --threads "$t" $extras ${only[@]+"${only[@]}"} \
      --log "autodiff-bench/target/peer-table-jmh-$t.log" > "$raw" 2> "autodiff-bench/target/peer-table-$t.err"
  # keep the tables, drop the forks' native-library chatter printed before them
  sed -n '/^### /,$p' "$raw" >> "$out"
  extras=
done

if [ -z "${ONLY:-}${INCLUDE:-}" ]; then
  {
    echo
    echo "### Heap after training"
    echo
    java -Dautodiff.backend=java -Dautodiff.threads=1 -cp "$jar" org.autodiff.bench.HeapAfterTraining \
      ${heap_args[@]+"${heap_args[@]}"}
  } >> "$out"
fi

echo >> "$out"
echo "Total run time: $(( $(date +%s) - start )) s." >> "$out"
cat "$out"
