#!/bin/sh
# Searches while the index is being written: vnsearch-index adds 8,000
# articles to 2,000 in batches of 200 (40 commits) while 2 vnsearch-query loops and 2 library
# threads (tests/api/readers.c, one index handle each) search. Every
# search must succeed (a reader meeting a commit reopens and retries) and
# find something; the last ones must see every article. Prints the
# searches and their p50/p99 latency (for the CLI, process start
# included). A reader retries when two commits land during one search
# (Xapian keeps the last two revisions); one much slower than the commits,
# as under valgrind, can still fail: this test is not run there.
#   concurrent.sh VNSEARCH_INDEX VNSEARCH_QUERY READERS
index=$1 query=$2 readers=$3
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
    for (i = 1; i <= 10000; i++)
        printf "{\"id\": \"c%05d\", \"title\": \"Bài %d: dịch vụ công trực tuyến\", \"date\": \"2021-06-%02d\", \"body\": \"Người dân nộp hồ sơ qua Cổng dịch vụ công số %d; UBND tỉnh đẩy mạnh cải cách hành chính.\"}\n", i, i, i % 28 + 1, i
}' >articles.jsonl
head -2000 articles.jsonl >first.jsonl
"$index" --db idx --quiet first.jsonl || bad "the first 2,000 articles"

# One CLI searcher: QUERY... until the file stop exists; a line per search
# in times.N ("ms exit"), and the failures in failed.N.
cli_searcher() {
    n=$1
    shift
    : >times.$n
    while [ ! -e stop ]; do
        start=$(date +%s%N)
        "$query" --db idx --json --limit 10 "$@" >out.$n 2>err.$n
        code=$?
        echo "$(( ($(date +%s%N) - start) / 1000 )) $code" >>times.$n
        if [ $code -ne 0 ] || ! grep -q '"total": [1-9]' out.$n; then
            echo "CLI search $*: exit $code: $(cat err.$n)" >>failed.$n
        fi
    done
}

"$index" --db idx --batch 200 --quiet articles.jsonl &
writer=$!
cli_searcher 1 dich vu cong truc tuyen &
cli_searcher 2 cải cách hành chính UBND tỉnh &
"$readers" idx 2 stop "dịch vụ công" "cai cach hanh chinh" \
    "ủy ban nhân dân tỉnh" "title:\"trực tuyến\"" >library.txt &
lib=$!
wait $writer && ok || bad "the writer failed"
touch stop
wait $lib && ok || bad "library searchers failed: $(cat library.txt)"
wait
cat failed.* 2>/dev/null | head -5
failures=$(cat failed.* 2>/dev/null | wc -l)
searches=$(cat times.* | wc -l)
expect "failed CLI searches" 0 "$failures"
[ "$searches" -ge 15 ] && ok || bad "only $searches CLI searches ran during the writes"
"$query" --db idx --json --limit 1 cai cach hanh chinh >out.json
grep -q '"total": 10000,' out.json && ok || bad "after the writes: $(head -c 200 out.json)"
sort -n times.* | awk '{ t[NR] = $1 } END {
    printf "concurrent: CLI: 2 loops, %d searches, p50 %.1f ms, p99 %.1f ms\n",
        NR, t[int(NR / 2) + 1] / 1000, t[int(NR * 0.99) + 1] / 1000 }'
echo "concurrent: $(cat library.txt)"
finish concurrent
