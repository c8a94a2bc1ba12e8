#!/usr/bin/env bash
# Ingest and query benchmarks (BENCHMARKS.md, "Corpus store"). From the repository root:
#
#   cargo build --release && cargo build --release -p hearsay-store --example query_latency
#   mkdir -p target/bench && python3 tools/polnear_jsonl.py ../shared/data/polnear train target/bench/pn1.jsonl
#   bash tools/bench_ingest.sh
#
# The store's own cost, without the pipeline's (CPU of the inserting thread):
#   cargo run --release -p hearsay-store --example insert_speed -- ../shared/data/polnear/train/text 1 7
#
# target/ is ignored by git: the JSONL (copyrighted PolNeAR text) never reaches the repository.
set -u
B=target/bench
H=target/release/hearsay
W=$(mktemp -d)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(free -g | awk '/Mem/{print $2}') GiB"
# peak RSS (VmHWM) of a command, polled from /proc
peak() {
  "$@" 2> "$W/err" & local pid=$! hwm=0 v
  while kill -0 $pid 2>/dev/null; do
    v=$(awk '/VmHWM/{print $2}' /proc/$pid/status 2>/dev/null); [ -n "$v" ] && hwm=$v; sleep 0.02
  done
  wait $pid; local rc=$?
  tail -1 "$W/err"; echo "  rc=$rc peak_rss_kib=$hwm"
}
# 10x corpus: the same articles with distinct ids
for c in $(seq 0 9); do sed "s/^{\"id\": \"\([^\"]*\)\"/{\"id\": \"\1#$c\"/" $B/pn1.jsonl; done > $W/pn10.jsonl
ls -la $B/pn1.jsonl $W/pn10.jsonl
for j in 1 1 1 2 2 2; do rm -f $W/a.db*; echo "pn1 -j $j"; peak $H ingest $B/pn1.jsonl --db $W/a.db -j $j; done
rm -f $W/a.db*; echo "pn1 -j 2 again"; peak $H ingest $B/pn1.jsonl --db $W/a.db -j 2
echo "pn1 re-ingest (all stored)"; peak $H ingest $B/pn1.jsonl --db $W/a.db -j 2
for j in 2; do rm -f $W/b.db*; echo "pn10 -j $j"; peak $H ingest $W/pn10.jsonl --db $W/b.db -j $j; done
ls -la $W/b.db
target/release/examples/query_latency $W/b.db 21
# the CLI as a user runs it (process start-up and opening included)
for q in "who email" "who said" "sources" "disputes" "speaker Trump"; do
  s=$(date +%s%N); for i in 1 2 3 4 5; do $H $q --db $W/b.db > /dev/null; done; e=$(date +%s%N)
  echo "cli: hearsay $q: $(( (e - s) / 5000000 )) ms per run (mean of 5)"
done
