#!/usr/bin/env bash
# Runs SparkStepBenchmark (the data-parallel step on Spark in local mode, see docs/scaling.md) and
# writes its JMH results with the machine's load before and after, since the step time of a
# 2-core machine shared with other work is only as good as that load.
# Usage: autodiff-bench/run-spark.sh [JMH options, e.g. -p hidden=1333 -p partitions=2]
# The text report (target/spark-step.txt) is what org.autodiff.bench.ScalingModel fits the cost model to.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
target="$root/autodiff-bench/target"
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -Pspark -DskipTests -pl autodiff-bench -am package >&2
out="$target/spark-step.json"
{
  echo "# $(date -u +%FT%TZ) $(uname -n), $(nproc) cores"
  echo "# load before: $(uptime)"
} > "$target/spark-step.load"
java -cp "$target/classes:$(cat "$target/spark-bench-classpath.txt")" org.openjdk.jmh.Main SparkStepBenchmark \
  -rf json -rff "$out" "$@" | tee "$target/spark-step.txt"
echo "# load after:  $(uptime)" >> "$target/spark-step.load"
cat "$target/spark-step.load"
