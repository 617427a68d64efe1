#!/bin/sh
# Issue 10, signals: SIGTERM and SIGINT during --full, --full --jobs 2 and
# --merge (SIGTERM also during a year-sharded --full --jobs 2, a --jobs 2
# first build and an incremental run) stop the run cleanly: the process dies by that signal (the shell
# sees 143 / 130), its --jobs children with it, the temporary build
# (DIR.full-*, DEST.merge-*) is removed, the live index is as before and
# its lock is free. A --jobs child killed with -9 fails the run with exit 1
# and a message naming the signal; the parent killed with -9 (--jobs, or
# --merge) takes its children with it, and the next run removes what it
# left.
#   signals.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"
# A background job of a non-interactive shell starts with SIGINT ignored:
# each run starts with the default dispositions, as from a terminal.
run="env --default-signal=INT,TERM $index"
env --default-signal=INT true 2>/dev/null ||
    { echo "signals: skipped: env has no --default-signal"; exit 77; }

ids() {
    xapian-delve -a "$1" 2>/dev/null | tr ' ' '\n' | grep '^Q' | LC_ALL=C sort | cksum
}
# Waits up to $2 tenths of a second for process $1 to end; 1 if it lives on.
ends() {
    for tenth in $(seq "$2"); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    ! kill -0 "$1" 2>/dev/null
}
# The processes whose command line holds $1, after up to $2 tenths of a
# second (default 30) for them to go (a child that outlives its parent
# would work on for seconds more).
survivors() {
    for tenth in $(seq "${2:-30}"); do
        [ -z "$(pgrep -f -- "$1")" ] && return
        sleep 0.1
    done
    pgrep -f -- "$1" | tr '\n' ' '
}
reap() { # kill -9 what survived (ours: its command line holds our path)
    for p in $(pgrep -f -- "$1"); do kill -9 "$p" 2>/dev/null; done
}
next_run() { # DB: a run after the signal is not refused for the lock
    for try in 1 2 3 4 5 6 7 8 9 10; do
        "$index" --db "$1" --quiet small.jsonl 2>/dev/null
        code=$?
        [ $code -ne 4 ] && break
        sleep 0.2
    done
    expect "$2: the next run (lock free)" 0 $code
}

awk 'BEGIN {
    for (i = 1; i <= 200; i++)
        printf "{\"id\": \"s%03d\", \"title\": \"Sở Giáo dục và Đào tạo công bố lịch tuyển sinh lớp 10, thông báo %d\", \"date\": \"2023-%02d-15\", \"body\": \"Thí sinh đăng ký dự tuyển trực tuyến trên cổng thông tin của Sở; hồ sơ giấy nộp tại trường trung học cơ sở, số %d.\"}\n", i, i, i % 12 + 1, i
}' >small.jsonl
awk 'BEGIN {
    for (i = 1; i <= 40000; i++)
        printf "{\"id\": \"g%05d\", \"title\": \"Bài %d: Bộ Tài chính hướng dẫn quyết toán ngân sách địa phương\", \"date\": \"20%02d-%02d-%02d\", \"body\": \"Các tỉnh, thành phố trực thuộc Trung ương báo cáo quyết toán thu, chi ngân sách nhà nước năm trước đúng thời hạn; khoản chi số %d phải có chứng từ hợp lệ.\"}\n", i, i, 18 + i % 6, i % 12 + 1, i % 28 + 1, i
}' >big.jsonl
"$index" --db template --quiet small.jsonl || bad "template index"
want_ids=$(ids template)
"$index" --db "$t/source" --jobs 2 --quiet big.jsonl || bad "merge source"

# --- SIGTERM / SIGINT during --full and --full --jobs 2.
for mode in full jobs; do
    for sig in TERM INT; do
        db="$t/$mode-$sig"
        what="SIG$sig during --full$([ $mode = jobs ] && echo ' --jobs 2')"
        cp -a template "$db"
        options=--full
        [ $mode = jobs ] && options="--full --jobs 2"
        # shellcheck disable=SC2086
        $run --db "$db" $options --quiet big.jsonl 2>"$mode-$sig.err" &
        pid=$!
        appears "$db.full-*" || bad "$what: no $db.full-* appeared"
        sleep 0.7
        if [ $mode = jobs ]; then
            [ -n "$(pgrep -P $pid)" ] && ok || bad "$what: no shard process running"
        fi
        kill -$sig $pid
        if ends $pid 150; then ok; else
            bad "$what: still running 15 s after the signal"
            kill -9 $pid
        fi
        wait $pid
        code=$?
        expect "$what: died by the signal" $([ $sig = TERM ] && echo 143 || echo 130) $code
        expect "$what: processes left" "" "$(survivors "$db")"
        reap "$db"
        expect "$what: leftovers" "" "$(leftovers "$db")"
        xapian-check "$db" >/dev/null 2>&1 && ok || bad "$what: xapian-check of the live index"
        expect "$what: the live index" "200 $want_ids" "$(doccount "$db") $(ids "$db")"
        next_run "$db" "$what"
    done
done

# --- SIGTERM during a year-sharded --full --jobs 2 (the live index is one
# database: a conversion), and during a --jobs 2 first build, after which
# there is no index, as before.
db="$t/years-TERM"
what="SIGTERM during --shard-by year --full --jobs 2"
cp -a template "$db"
$run --db "$db" --shard-by year --full --jobs 2 --quiet big.jsonl 2>/dev/null &
pid=$!
appears "$db.full-*" || bad "$what: no $db.full-* appeared"
sleep 0.7
kill -TERM $pid
if ends $pid 150; then ok; else bad "$what: still running 15 s after the signal"; kill -9 $pid; fi
wait $pid
expect "$what: died by the signal" 143 $?
expect "$what: processes left" "" "$(survivors "$db")"
reap "$db"
expect "$what: leftovers" "" "$(leftovers "$db")"
expect "$what: the live index" "200 $want_ids no stub" "$(doccount "$db") $(ids "$db") $([ -e "$db/XAPIANDB" ] && echo stub || echo no stub)"
next_run "$db" "$what"

db="$t/first-TERM"
what="SIGTERM during a --jobs 2 first build"
$run --db "$db" --jobs 2 --quiet big.jsonl 2>/dev/null &
pid=$!
appears "$db.full-*" || bad "$what: no $db.full-* appeared"
sleep 0.7
kill -TERM $pid
if ends $pid 150; then ok; else bad "$what: still running 15 s after the signal"; kill -9 $pid; fi
wait $pid
expect "$what: died by the signal" 143 $?
expect "$what: processes left" "" "$(survivors "$db")"
reap "$db"
expect "$what: leftovers" "" "$(leftovers "$db")"
expect "$what: no index, as before" "no index" "$([ -e "$db" ] && echo "$db exists" || echo no index)"

# --- SIGTERM during an incremental run: committed batches stay, the index
# checks clean, the lock is free and a rerun completes it.
db="$t/incr-TERM"
what="SIGTERM during an incremental run"
cp -a template "$db"
$run --db "$db" --batch 1000 --quiet big.jsonl 2>/dev/null &
pid=$!
sleep 1.5
kill -TERM $pid
if ends $pid 150; then ok; else bad "$what: still running 15 s after the signal"; kill -9 $pid; fi
wait $pid
expect "$what: died by the signal" 143 $?
expect "$what: processes left" "" "$(survivors "$db")"
reap "$db"
xapian-check "$db" >/dev/null 2>&1 && ok || bad "$what: xapian-check"
n=$(doccount "$db")
[ $(( (n - 200) % 1000 )) = 0 ] && ok || bad "$what: $n documents is not the template and whole batches"
for try in 1 2 3 4 5 6 7 8 9 10; do
    "$index" --db "$db" --batch 1000 --quiet big.jsonl 2>/dev/null
    code=$?
    [ $code -ne 4 ] && break
    sleep 0.2
done
expect "$what: the rerun" "0 40200" "$code $(doccount "$db")"

# --- SIGTERM / SIGINT during --merge: no DEST, nothing left, a rerun works.
start=$(date +%s%N)
"$index" --merge --db timing "$t/source" || bad "timing merge"
merge_ms=$(( ($(date +%s%N) - start) / 1000000 ))
for sig in TERM INT; do
    dest="$t/merged-$sig"
    what="SIG$sig during --merge"
    $run --merge --db "$dest" "$t/source" 2>"merge-$sig.err" &
    pid=$!
    sleep "$(awk -v ms=$merge_ms 'BEGIN { printf "%.3f", ms / 4000 }')"
    kill -$sig $pid
    if ends $pid 150; then ok; else
        bad "$what: still running 15 s after the signal"
        kill -9 $pid
    fi
    wait $pid
    code=$?
    expect "$what (after $((merge_ms / 4)) of $merge_ms ms): died by the signal" \
        $([ $sig = TERM ] && echo 143 || echo 130) $code
    expect "$what: processes left" "" "$(survivors "$dest")"
    reap "$dest"
    expect "$what: DEST" "no DEST" "$([ -e "$dest" ] && echo "$dest exists" || echo no DEST)"
    expect "$what: leftovers" "" "$(leftovers "$dest")"
    rm -rf "$dest"
    "$index" --merge --db "$dest" "$t/source" 2>/dev/null
    expect "$what: the merge rerun" "0 40000" "$? $(doccount "$dest")"
done

# --- kill -9 of one --jobs child: exit 1 naming the signal, nothing left.
db="$t/child"
what="a --jobs child killed with -9"
cp -a template "$db"
$run --db "$db" --full --jobs 2 --quiet big.jsonl 2>child.err &
pid=$!
for tenth in $(seq 100); do
    [ -n "$(pgrep -P $pid)" ] && break
    sleep 0.1
done
sleep 0.7
child=$(pgrep -P $pid | head -1)
[ -n "$child" ] && kill -9 "$child" || bad "$what: no child to kill"
if ends $pid 150; then ok; else
    bad "$what: the parent still runs 15 s later"
    kill -9 $pid
fi
wait $pid
expect "$what: exit" 1 $?
grep -q "shard process [0-9]* killed by signal 9" child.err && ok || bad "$what: message: '$(cat child.err)'"
expect "$what: processes left" "" "$(survivors "$db")"
reap "$db"
expect "$what: leftovers" "" "$(leftovers "$db")"
expect "$what: the live index" "200 $want_ids" "$(doccount "$db") $(ids "$db")"
next_run "$db" "$what"

# --- kill -9 of the parent of --jobs: the children die with it; the next
# run removes the temporary build.
db="$t/parent"
what="the --jobs parent killed with -9"
cp -a template "$db"
$run --db "$db" --full --jobs 2 --quiet big.jsonl 2>/dev/null &
pid=$!
for tenth in $(seq 100); do
    [ -n "$(pgrep -P $pid)" ] && break
    sleep 0.1
done
sleep 0.7
kill -9 $pid
wait $pid 2>/dev/null
expect "$what: processes left" "" "$(survivors "$db")"
reap "$db"
xapian-check "$db" >/dev/null 2>&1 && ok || bad "$what: xapian-check of the live index"
expect "$what: the live index" "200 $want_ids" "$(doccount "$db") $(ids "$db")"
next_run "$db" "$what"
expect "$what: leftovers after the next run" "" "$(leftovers "$db")"

# --- kill -9 of a --merge: nothing outlives it (its lock with it), and
# the merge reruns at once.
dest="$t/merged-KILL"
what="--merge killed with -9"
$run --merge --db "$dest" "$t/source" 2>/dev/null &
pid=$!
sleep "$(awk -v ms=$merge_ms 'BEGIN { printf "%.3f", ms / 5000 }')"
kill -9 $pid
wait $pid 2>/dev/null
expect "$what (after $((merge_ms / 5)) of $merge_ms ms): processes left after 1 s" "" "$(survivors "$dest" 10)"
reap "$dest"
expect "$what: DEST" "no DEST" "$([ -e "$dest" ] && echo "$dest exists" || echo no DEST)"
"$index" --merge --db "$dest" "$t/source" 2>err.txt
expect "$what: the merge rerun at once" "0 40000" "$? $(doccount "$dest")"
expect "$what: leftovers after the rerun" "" "$(leftovers "$dest")"

finish signals
