#!/usr/bin/env bash
# The longer run across separate executor JVMs: Spark's local-cluster mode starts a master and
# workers inside the driver's JVM and each executor as a JVM of its own, as a standalone cluster
# on 127.0.0.1 does. It needs no Spark installation: spark.testing makes the executors inherit
# the driver's class path, and spark.test.home (an empty folder) stands in for SPARK_HOME. Trains for
# STEPS steps (default 200) and checks the result bit for bit against the single-JVM reference.
# Usage: autodiff-spark-examples/run-local-cluster.sh [WORKERS] [PARTITIONS] [STEPS] [FAN_IN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
"$root/autodiff-spark-examples/train-digits.sh" --help > /dev/null   # builds the jar and the class path
workers="${1:-2}"
target="$root/autodiff-spark-examples/target"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
export SPARK_LOCAL_IP=127.0.0.1
# Spark's launcher looks for a build tree under SPARK_HOME to learn the Scala version; say it instead.
export SPARK_SCALA_VERSION=2.13
mkdir -p "$home/jars"
java "${opens[@]}" -Dspark.testing=true -Dspark.test.home="$home" \
  -cp "$target/autodiff-spark-examples.jar:$(cat "$target/spark-classpath.txt")" \
  org.autodiff.spark.examples.CheckAgainstLocal "local-cluster[$workers,1,1024]" "${2:-4}" "${3:-200}" "${4:-8}"
