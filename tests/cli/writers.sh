#!/bin/sh
# Issue 10, one writer always: the lock is taken before anything is
# created, for first builds, --full, conversions, every --shard-by layout
# and --merge. Looped to hit the races: a --jobs 2 first build and an
# incremental run started together on a missing index; two --full on a
# missing index; a --full converting a sharded index while an incremental
# run writes it; a plain and a --shard-by year first run at once. Whatever
# the order, every run that exits 0 has all its articles in the index, the
# other exits 4 (or 1, refused for its layout), and the index checks clean.
# Then --merge killed with -9 leaves no DEST and can be rerun, and the
# DIR.full-XXXXXX of a --full killed with -9 is removed by the next run.
#   writers.sh VNSEARCH_INDEX VNSEARCH_QUERY [ROUNDS]
index=$1 rounds=${3:-20}
. "$(dirname "$0")/lib.sh"

# N articles with ids PREFIX0001.., over the years 2019-2023.
articles() { # PREFIX N
    awk -v p="$1" -v n="$2" 'BEGIN {
        split("Quảng Ninh|Thừa Thiên Huế|Bình Dương|Đắk Lắk|Sóc Trăng", tinh, "|")
        for (i = 1; i <= n; i++)
            printf "{\"id\": \"%s%04d\", \"title\": \"%s: Hội nghị tập huấn nghiệp vụ kiểm soát thủ tục hành chính lần %d\", \"date\": \"%d-%02d-%02d\", \"body\": \"Sáng nay, Văn phòng UBND tỉnh %s tổ chức hội nghị tập huấn cho cán bộ đầu mối. Đại biểu được hướng dẫn số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, số %d.\"}\n", \
                p, i, tinh[i % 5 + 1], i, 2019 + i % 5, i % 12 + 1, i % 28 + 1, tinh[i % 5 + 1], i
    }'
}
count() { # DB PREFIX: documents whose id starts with PREFIX
    xapian-delve -a "$1" 2>/dev/null | tr ' ' '\n' | grep -c "^Q$2"
}
check() { # xapian-check the index, each shard of a sharded one
    if [ -f "$1/XAPIANDB" ]; then
        for s in "$1"/*/; do xapian-check "$s" >/dev/null 2>&1 || return 1; done
    else
        xapian-check "$1" >/dev/null 2>&1
    fi
}
layout() { # what the directory holds at its top
    l=
    [ -f "$1/XAPIANDB" ] && l="$l XAPIANDB"
    [ -f "$1/iamglass" ] && l="$l iamglass"
    echo "${l# }"
}
locked() { grep -q "is being written by another vnsearch-index" "$1"; }
# Runs a writer until it is not refused for the lock (the lock of a run
# killed with -9 is released when the kernel closes its files).
until_unlocked() {
    for try in 1 2 3 4 5 6 7 8 9 10; do
        "$@" 2>until.err
        code=$?
        [ $code -ne 4 ] && return $code
        sleep 0.2
    done
    return $code
}

articles a 1000 >a.jsonl
articles b 1000 >b.jsonl

# A round of two writers started together; $1 and $2 are the two runs'
# extra options, A on a.jsonl and B on b.jsonl. Sets $ca and $cb.
together() { # A-OPTIONS B-OPTIONS [B-FIRST]
    if [ -n "$3" ]; then
        # shellcheck disable=SC2086
        "$index" --db idx --quiet $2 b.jsonl 2>b.err & pb=$!
        # shellcheck disable=SC2086
        "$index" --db idx --quiet $1 a.jsonl 2>a.err & pa=$!
    else
        # shellcheck disable=SC2086
        "$index" --db idx --quiet $1 a.jsonl 2>a.err & pa=$!
        # shellcheck disable=SC2086
        "$index" --db idx --quiet $2 b.jsonl 2>b.err & pb=$!
    fi
    wait $pa; ca=$?
    wait $pb; cb=$?
}
# Every run that exited 0 has all its articles; one that exited 4 says so.
both_kept() { # WHAT
    if [ $ca = 0 ]; then expect "$1: A's articles" 1000 "$(count idx a)"; fi
    if [ $cb = 0 ]; then expect "$1: B's articles" 1000 "$(count idx b)"; fi
    if [ $ca = 4 ]; then locked a.err && ok || bad "$1: A's lock message: $(cat a.err)"; fi
    if [ $cb = 4 ]; then locked b.err && ok || bad "$1: B's lock message: $(cat b.err)"; fi
    check idx && ok || bad "$1: xapian-check"
    expect "$1: leftovers" "" "$(leftovers idx)"
}

outcomes= # the exit pairs of a section's rounds, printed at its end
tally() { # WHAT
    echo "$1: exits (A B):$(echo "$outcomes" | tr ',' '\n' | sed '/^$/d' | sort | uniq -c |
        awk '{ printf " %s %s x%d;", $2, $3, $1 }')"
    outcomes=
}

# --- A --jobs 2 first build and an incremental run, on a missing index.
round=1
while [ $round -le "$rounds" ]; do
    rm -rf idx idx.*
    first=
    [ $((round % 2)) = 0 ] && first=b
    together "--jobs 2" "" $first
    case "$ca $cb" in
    "0 4" | "4 0" | "0 0") ok ;;
    *) bad "first builds, round $round: exits $ca (--jobs 2) and $cb (incremental): $(cat a.err b.err | head -3)" ;;
    esac
    both_kept "first builds, round $round (exits $ca $cb)"
    outcomes="$outcomes,$ca $cb"
    round=$((round + 1))
done
tally "--jobs 2 first build + incremental"

# --- Two --full on a missing index.
round=1
while [ $round -le $((rounds / 2)) ]; do
    rm -rf idx idx.*
    together "--full" "--full"
    case "$ca $cb" in
    "0 4" | "4 0" | "0 0") ok ;;
    *) bad "two --full, round $round: exits $ca and $cb: $(cat a.err b.err | head -3)" ;;
    esac
    both_kept "two --full, round $round (exits $ca $cb)"
    outcomes="$outcomes,$ca $cb"
    round=$((round + 1))
done
tally "two --full"

# --- A --full converting a year-sharded index into one database while an
# incremental run writes the shards. A --full that exits 0 leaves one
# database; the incremental run then exits 0 before it, 4, or 1 (refused:
# it meets one database).
round=1
while [ $round -le $((rounds / 4)) ]; do
    rm -rf idx idx.*
    "$index" --db idx --shard-by year --quiet a.jsonl || bad "conversion, round $round: the sharded index"
    "$index" --db idx --full --quiet a.jsonl 2>a.err & pa=$!
    sleep "0.$((round % 3))"
    "$index" --db idx --shard-by year --quiet b.jsonl 2>b.err & pb=$!
    wait $pa; ca=$?
    wait $pb; cb=$?
    case "$ca $cb" in
    "0 4" | "0 0" | "4 0") ok ;;
    "0 1") grep -q "idx is an index of one database" b.err && ok ||
               bad "conversion, round $round: exit 1: $(cat b.err)" ;;
    *) bad "conversion, round $round: exits $ca (--full) and $cb (incremental): $(cat a.err b.err | head -3)" ;;
    esac
    [ $ca = 0 ] && expect "conversion, round $round: one database" "iamglass" "$(layout idx)"
    both_kept "conversion, round $round (exits $ca $cb)"
    outcomes="$outcomes,$ca $cb"
    round=$((round + 1))
done
tally "--full conversion + incremental --shard-by year"

# --- A plain and a --shard-by year first run at once: one of them makes
# the index, the other is refused (4, or 1 for the layout); the directory
# is never both a plain and a sharded index.
round=1
while [ $round -le $((rounds / 2)) ]; do
    rm -rf idx idx.*
    first=
    [ $((round % 2)) = 0 ] && first=b
    together "" "--shard-by year" $first
    case "$ca $cb" in
    "0 4" | "4 0") ok ;;
    "0 1") grep -q "idx is an index of one database" b.err && ok ||
               bad "layouts, round $round: exit 1: $(cat b.err)" ;;
    "1 0") grep -q "idx is a sharded index" a.err && ok ||
               bad "layouts, round $round: exit 1: $(cat a.err)" ;;
    *) bad "layouts, round $round: exits $ca (plain) and $cb (--shard-by year): $(cat a.err b.err | head -3)" ;;
    esac
    case "$ca $cb" in
    0*) expect "layouts, round $round: the plain run's layout" "iamglass" "$(layout idx)" ;;
    *0) expect "layouts, round $round: the sharded run's layout" "XAPIANDB" "$(layout idx)" ;;
    esac
    both_kept "layouts, round $round (exits $ca $cb)"
    outcomes="$outcomes,$ca $cb"
    round=$((round + 1))
done
tally "plain + --shard-by year first runs"

# --- --merge killed with -9: no DEST is left, and the merge reruns.
articles m 20000 >m.jsonl
"$index" --db src --jobs 2 --quiet m.jsonl || bad "merge source"
start=$(date +%s%N)
"$index" --merge --db timing src || bad "timing merge"
merge_ms=$(( ($(date +%s%N) - start) / 1000000 ))
for round in 1 2 3 4; do
    rm -rf dest dest.*
    "$index" --merge --db dest src 2>/dev/null &
    pid=$!
    sleep "$(awk -v ms=$merge_ms -v r=$round 'BEGIN { printf "%.3f", ms * r / 6000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if [ -e dest ]; then # only a merge that had finished
        check dest && [ "$(doccount dest)" = 20000 ] && ok ||
            bad "merge killed at $round/6 of $merge_ms ms: a damaged DEST is left"
        continue
    fi
    until_unlocked "$index" --merge --db dest src
    expect "merge killed at $round/6 of $merge_ms ms: rerun" "0 20000" "$code $(doccount dest)"
    check dest && ok || bad "merge killed at $round/6: rerun: xapian-check"
    expect "merge killed at $round/6: leftovers after the rerun" "" "$(leftovers dest)"
done

# --- Two merges into one DEST at once: one makes it, the other is refused
# (4, or 2 when DEST is already there); DEST is whole.
for round in 1 2 3; do
    rm -rf dest dest.*
    "$index" --merge --db dest src 2>a.err & pa=$!
    "$index" --merge --db dest src 2>b.err & pb=$!
    wait $pa; ca=$?
    wait $pb; cb=$?
    case "$ca $cb" in
    "0 4" | "4 0" | "0 2" | "2 0") ok ;;
    *) bad "two merges, round $round: exits $ca and $cb: $(cat a.err b.err | head -3)" ;;
    esac
    check dest && [ "$(doccount dest)" = 20000 ] && ok || bad "two merges, round $round: DEST is not whole"
    expect "two merges, round $round: leftovers" "" "$(leftovers dest)"
    outcomes="$outcomes,$ca $cb"
done
tally "two merges into one DEST"

# --- One index, one lock, whatever it is called: through a symbolic link
# or with a trailing slash.
mkdir srv
cp -a src srv/real
ln -s srv/real current
"$index" --db current --full --quiet m.jsonl 2>holder.err &
holder=$!
sleep 1
for name in srv/real srv/real/ current/ ./srv/../srv/real; do
    start=$(date +%s)
    "$index" --db "$name" --quiet a.jsonl 2>err.txt
    code=$?
    expect "--db current (a link) being rebuilt; a run on $name" 4 $code
    [ $code = 4 ] && { locked err.txt && ok || bad "a run on $name: message: $(cat err.txt)"; }
    expect "a run on $name: refused at once" 1 $(( $(date +%s) - start <= 1 ))
done
wait $holder
expect "the run through the link" 0 $?
expect "the link stays a link" "srv/real" "$(readlink current)"
check srv/real && [ "$(doccount srv/real)" = 20000 ] && ok || bad "the target after the run through the link"

# --- The DIR.full-XXXXXX of a --full killed with -9 is removed by the next
# run; the live index is intact.
cp -a src live
"$index" --db live --full --quiet m.jsonl &
pid=$!
for wait in $(seq 100); do
    [ -n "$(ls -d live.full-* 2>/dev/null)" ] && break
    sleep 0.1
done
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ -n "$(leftovers live)" ] && ok || bad "--full killed: no DIR.full-* to remove (the kill came too late?)"
check live && ok || bad "--full killed: xapian-check of the live index"
expect "--full killed: the live index" 20000 "$(doccount live)"
until_unlocked "$index" --db live --quiet a.jsonl
expect "--full killed: the next run" 0 $code
expect "--full killed: leftovers after the next run" "" "$(leftovers live)"
expect "--full killed: the next run's articles" 21000 "$(doccount live)"

finish writers
