#!/bin/sh
# Query latency over shards: all of corpus-vi as one index, as 3 shards by
# id hash on this machine, and as 3 shards of which 2 are served by
# xapian-tcpsrv on loopback; the same 4,930 queries (bench_quality's) on
# each, with SQLite FTS5 in the same run for the ratio.
#   bench/shards.sh [BUILD_DIR]   (default build; needs bench_quality's
#                                  /tmp/vns-eval/{idx,fts5.db,queries.tsv})
set -eu
build=$(realpath "${1:-build}")
work=/tmp/vns-eval
[ -d $work/idx ] && [ -f $work/queries.tsv ] || {
    echo "run first: $build/bench/bench_quality --save-queries $work/queries.tsv"
    exit 1
}
if [ ! -d $work/hash3 ]; then
    echo "building $work/hash3 ..."
    "$build/indexer/vnsearch-index" --quiet --jobs 2 --shard-by hash:3 \
        --db $work/hash3 "$(dirname "$0")"/../../shared/corpus-vi/part-*.jsonl.gz
fi
pids=
trap 'kill $pids 2>/dev/null' EXIT
for k in 1 2; do
    # Own sessions: xapian-tcpsrv signals its process group when stopped.
    setsid xapian-tcpsrv --port $((47000 + k)) --interface 127.0.0.1 \
        --quiet $work/hash3/hash-$k >/dev/null 2>&1 &
    pids="$pids $!"
done
sleep 1
printf 'auto %s/hash3/hash-0\nremote 127.0.0.1:47001\nremote 127.0.0.1:47002\n' \
    $work >$work/remote.stub
echo "== one index"
"$build/bench/bench_latency" --db $work/idx
echo "== 3 shards, local"
"$build/bench/bench_latency" --engine vns --db $work/hash3
echo "== 3 shards, 2 of them remote (xapian-tcpsrv on loopback)"
"$build/bench/bench_latency" --engine vns --db $work/remote.stub
