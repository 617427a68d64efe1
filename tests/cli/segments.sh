#!/bin/sh
# Segments (issue 12): a --full build written in segments of --segment 3
# articles, in one process and with --jobs 2, holds exactly what a build
# with --segment 0 holds (every document's terms, wdf, values and data,
# under the same document ids; every term's statistics) and answers
# queries alike (ids, order, scores, snippets). Articles of an input that
# could not be read are kept over into the segments. SIGTERM and kill -9
# during a segmented build, once it has closed segments, leave the live
# index as it was and searchable; a bad --segment is a usage error.
#   segments.sh VNSEARCH_INDEX VNSEARCH_QUERY CORPUS_DIR
index=$1 query=$2 corpus=$3
. "$(dirname "$0")/lib.sh"

# Each term's document and collection frequencies, the count of
# documents and their average length: what ranking reads. (The bounds
# Xapian keeps are left out: a database written whole may keep higher
# ones than a compacted one.)
stats() {
    xapian-delve -v "$1" | grep -e '^number of' -e '^average'
    xapian-delve -a -vv -1 "$1" | sed 's/ [0-9]*$//'
}
# Everything an index holds: its statistics, then per document its
# terms with wdf and frequency, its values and its data.
dump() {
    n=$(doccount "$1")
    stats "$1"
    for doc in $(seq "$n"); do
        xapian-delve -r "$doc" -d -V -v -1 "$1"
    done
}
# The JSON of a few queries: ranking, scores, totals, snippets.
answers() {
    for q in "cải cách hành chính" "dich vu cong truc tuyen" \
             '"một cửa"' "ngân sách OR bhxh" "title:chuyển đổi số"; do
        "$query" --db "$1" --json --limit 20 "$q"
    done
    "$query" --db "$1" --json --sort date --limit 40 "tỉnh"
}
build() { # DB SEGMENT [OPTIONS]: a --full build of the inputs
    db=$1 segment=$2
    shift 2
    "$index" --db "$db" --full --quiet --segment "$segment" "$@" in ||
        bad "build $db (--segment $segment $*): exit $?"
}

# The corpus and a gzip JSON Lines file of 12 more articles.
mkdir in
cp -r "$corpus"/. in/
awk 'BEGIN {
    for (i = 1; i <= 12; i++)
        printf "{\"id\": \"x%02d\", \"title\": \"Tỉnh công bố chỉ số cải cách hành chính năm %d\", \"date\": \"2024-03-%02d\", \"body\": \"Sở Nội vụ tổng hợp kết quả chấm điểm cải cách hành chính của %d sở, ngành và UBND cấp huyện; dịch vụ công trực tuyến toàn trình tăng.\"}\n", i, 2010 + i, i, i
}' | gzip -9 >in/extra.jsonl.gz

# --- The same index, written whole or in segments.
build whole 0
build whole-jobs 0 --jobs 2
build segments 3
build segments-jobs 3 --jobs 2
expect "inputs: documents" 52 "$(doccount whole)"
dump whole >whole.dump
answers whole >whole.json
stats whole >whole.stats
for db in whole-jobs segments segments-jobs; do
    stats $db >$db.stats
    cmp -s whole.stats $db.stats && ok || bad "$db: other statistics: $(diff whole.stats $db.stats | head -5)"
    answers $db >$db.json
    cmp -s whole.json $db.json && ok || bad "$db: other answers: $(diff whole.json $db.json | head -5)"
    expect "$db: no stub left" "" "$(ls $db/XAPIANDB 2>/dev/null)"
done
# Document by document, under the same ids: one process numbers them as
# read, --jobs 2 part by part, with or without segments.
for pair in whole:segments whole-jobs:segments-jobs; do
    dump ${pair%:*} >a.dump
    dump ${pair#*:} >b.dump
    cmp -s a.dump b.dump && ok || bad "${pair#*:}: not what ${pair%:*} holds: $(diff a.dump b.dump | head -5)"
done
grep -q '"id"' whole.json && ok || bad "the queries found nothing"

# --- A --full run that cannot read one input whole (a truncated gzip)
# keeps its articles from the live index, into the segments too.
cp in/extra.jsonl.gz extra.gz
head -c $(( $(wc -c <extra.gz) * 2 / 3 )) extra.gz >in/extra.jsonl.gz
for segment in 0 3; do
    cp -a whole kept-$segment
    "$index" --db kept-$segment --full --segment $segment --jobs 2 in \
        2>kept-$segment.err
    expect "kept, --segment $segment: exit" 3 $?
    grep -q "articles of inputs that could not be read kept from the index" \
        kept-$segment.err && ok || bad "kept, --segment $segment: $(cat kept-$segment.err)"
    expect "kept, --segment $segment: ids" "$(ids whole)" "$(ids kept-$segment)"
done
cp extra.gz in/extra.jsonl.gz
dump kept-0 >kept-0.dump
dump kept-3 >kept-3.dump
cmp -s kept-0.dump kept-3.dump && ok || bad "kept: segments hold other than parts whole: $(diff kept-0.dump kept-3.dump | head -5)"

# --- A bad --segment is a usage error, and nothing is made.
for arg in -1 x 3x "" 99999999999999999999; do
    "$index" --db bad --full --segment "$arg" in 2>bad.err
    expect "--segment '$arg': exit" 2 $?
    grep -q "^vnsearch-index: --segment: not a number of articles" bad.err && ok ||
        bad "--segment '$arg': message: $(cat bad.err)"
done
expect "bad --segment: nothing made" "" "$(ls -d bad* 2>/dev/null | grep -v bad.err)"

# --- Stopped while it writes segments: SIGTERM and kill -9, once a part
# has closed two segments. The live index stays as it was, searchable.
awk 'BEGIN {
    for (i = 1; i <= 20000; i++)
        printf "{\"id\": \"g%05d\", \"title\": \"Bài %d: Bộ Tài chính hướng dẫn quyết toán ngân sách địa phương\", \"date\": \"20%02d-%02d-%02d\", \"body\": \"Các tỉnh, thành phố trực thuộc Trung ương báo cáo quyết toán thu, chi ngân sách nhà nước năm trước đúng thời hạn; khoản chi số %d phải có chứng từ hợp lệ.\"}\n", i, i, 18 + i % 6, i % 12 + 1, i % 28 + 1, i
}' >big.jsonl
run="env --default-signal=INT,TERM $index"
env --default-signal=INT true 2>/dev/null || run=$index
want="52 $(ids whole)"
want_answers=$(answers whole)
for sig in TERM KILL; do
    for jobs in 1 2; do
        db="$t/stop-$sig-$jobs"
        what="SIG$sig during --segment 500 --jobs $jobs"
        cp -a whole "$db"
        $run --db "$db" --full --quiet --segment 500 --jobs $jobs big.jsonl 2>/dev/null &
        pid=$!
        appears "$db.full-*/shard-0/seg-000002" 200 && ok || bad "$what: no third segment begun"
        kill -$sig $pid
        wait $pid
        expect "$what: died by the signal" $([ $sig = TERM ] && echo 143 || echo 137) $?
        # Children of a parent killed with -9 die with it; Xapian's lock
        # holders notice a moment later.
        for tenth in $(seq 50); do
            [ -z "$(pgrep -f -- "$db")" ] && break
            sleep 0.1
        done
        expect "$what: processes left" "" "$(pgrep -f -- "$db" | tr '\n' ' ')"
        [ $sig = TERM ] && expect "$what: leftovers" "" "$(leftovers "$db")"
        xapian-check "$db" >/dev/null 2>&1 && ok || bad "$what: xapian-check of the live index"
        expect "$what: the live index" "$want" "$(doccount "$db") $(ids "$db")"
        expect "$what: its answers" "$want_answers" "$(answers "$db")"
        # The next run removes what a kill -9 left, and builds.
        "$index" --db "$db" --full --quiet --segment 3 in 2>/dev/null
        expect "$what: the next run" 0 $?
        expect "$what: leftovers after the next run" "" "$(leftovers "$db")"
    done
done

finish segments
