#!/usr/bin/env bash
# Trains autodiff train's digits MLP on Spark in local mode, without a Spark installation: builds
# the examples jar with Maven on first use (Spark's jars come from Maven too), then runs it with
# Spark's jars on the class path and the JVM options Spark's own launcher adds. Options as in
# `autodiff train` plus --master and --partitions; --help lists them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
target="$root/autodiff-spark-examples/target"
jar="$target/autodiff-spark-examples.jar"
if [ ! -f "$jar" ] || [ ! -f "$target/spark-classpath.txt" ] || [ -n "$(find "$root/autodiff-core/src/main" \
    "$root/autodiff-nn/src/main" "$root/autodiff-spark/src/main" "$root/autodiff-spark-examples/src/main" -newer "$jar" -type f | head -1)" ]; then
  mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -DskipTests -pl autodiff-spark-examples -am package >&2
fi
# org.apache.spark.launcher.JavaModuleOptions, as in autodiff-spark's pom.
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
  --enable-native-access=ALL-UNNAMED)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java "${opens[@]}" -cp "$jar:$(cat "$target/spark-classpath.txt")" org.autodiff.spark.examples.TrainDigits "$@"
