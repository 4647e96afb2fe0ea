#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft) for development and tests, without Docker:
# Kafka's server jars come from Maven Central (scripts/kafka/pom.xml) into .cache/kafka, and run on this
# machine's Java 17+.
#   scripts/kafka.sh start   fetch (first time), format storage (first time), start, wait until it answers
#   scripts/kafka.sh stop    stop the broker
#   scripts/kafka.sh status
# KAFKA_PORT (default 9092) and KAFKA_HOME (default <repo>/.cache/kafka) move it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
home="${KAFKA_HOME:-$root/.cache/kafka}"
port="${KAFKA_PORT:-9092}"
controller_port=$((port + 1))
libs="$home/libs"
data="$home/data-$port"
pidfile="$home/kafka-$port.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

fetch() {
  [ -f "$libs/.complete" ] && return
  command -v mvn >/dev/null || { echo "kafka.sh: Maven (mvn) is needed to fetch Kafka's jars" >&2; exit 1; }
  echo "kafka.sh: fetching Apache Kafka jars from Maven Central into $libs (first time only)…"
  mkdir -p "$libs"
  mvn -q -B -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -f "$root/scripts/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime
  touch "$libs/.complete"
}

java_args() {
  java_cmd=(java -Xms256m -Xmx512m -Dkafka.logs.dir="$data/logs"
    -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" -cp "$libs/*")
}
java_run() { java_args; "${java_cmd[@]}" "$@"; }

configure() {
  mkdir -p "$data/logs"
  cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/kraft
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  if [ ! -f "$data/kraft/meta.properties" ]; then
    java_run kafka.tools.StorageTool format -t "$(java_run kafka.tools.StorageTool random-uuid)" -c "$data/server.properties" >/dev/null
  fi
}

start() {
  if listening; then echo "kafka.sh: a broker already answers on 127.0.0.1:$port"; return; fi
  command -v java >/dev/null || { echo "kafka.sh: Java 17+ is needed to run the broker" >&2; exit 1; }
  fetch
  configure
  java_args
  nohup "${java_cmd[@]}" kafka.Kafka "$data/server.properties" > "$data/logs/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    if listening; then echo "kafka.sh: broker ready on 127.0.0.1:$port"; return; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "kafka.sh: the broker exited; see $data/logs" >&2; tail -20 "$data/logs/stdout.log" >&2; exit 1
    fi
    sleep 1
  done
  echo "kafka.sh: the broker did not answer within 120 s; see $data/logs" >&2
  exit 1
}

stop() {
  [ -f "$pidfile" ] || { echo "kafka.sh: not running (no $pidfile)"; return; }
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo "kafka.sh: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if listening; then echo "running on 127.0.0.1:$port"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/kafka.sh start|stop|status" >&2; exit 2 ;;
esac
