#!/bin/sh
# Searches while the index is being written: vnsearch-query in a loop while
# vnsearch-index commits 10,000 articles in batches of 100. Every search
# must succeed (a reader meeting a commit reopens and retries), and the
# last ones must see every article.
#   concurrent.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
    for (i = 1; i <= 10000; i++)
        printf "{\"id\": \"c%05d\", \"title\": \"Bài %d: dịch vụ công trực tuyến\", \"date\": \"2021-06-%02d\", \"body\": \"Người dân nộp hồ sơ qua Cổng dịch vụ công số %d; UBND tỉnh đẩy mạnh cải cách hành chính.\"}\n", i, i, i % 28 + 1, i
}' >articles.jsonl
printf '{"id": "first", "title": "Dịch vụ công", "body": "Bắt đầu."}\n' >first.jsonl
"$index" --db idx --quiet first.jsonl || bad "first commit"

"$index" --db idx --batch 100 --quiet articles.jsonl &
writer=$!
searches=0 failures=0
while kill -0 $writer 2>/dev/null; do
    "$query" --db idx --json --limit 3 dich vu cong truc tuyen >out.json 2>err.txt
    code=$?
    searches=$((searches + 1))
    if [ $code -ne 0 ] || ! grep -q '"total": [1-9]' out.json; then
        failures=$((failures + 1))
        echo "search $searches: exit $code: $(cat err.txt)"
    fi
done
wait $writer && ok || bad "the writer failed"
[ $failures -eq 0 ] && ok || bad "$failures of $searches searches failed"
[ $searches -ge 5 ] && ok || bad "only $searches searches ran during the writes"
"$query" --db idx --json --limit 1 cai cach hanh chinh >out.json
grep -q '"total": 10000,' out.json && ok || bad "after the writes: $(head -c 200 out.json)"
echo "concurrent: $searches searches during the writes, $failures failed"
finish concurrent
