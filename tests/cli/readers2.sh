#!/bin/sh
# Issue 10, the reading side of vnsearch-query:
#   - control characters of ids, titles and snippets (terminal escapes
#     such as ESC ] 0 ; ... BEL and ESC [ 2 J, DEL, the C1 CSI U+009B) are
#     escaped in text output (\x1b, \x7f, \u009b) and in JSON (\u001b,
#     \u007f, \u009b), never written raw;
#   - --timeout 0 is refused with a message;
#   - an index directory that cannot be read says "Permission denied", not
#     "no index" (as user nobody when run as root);
#   - 4 remote shards that accept connections and never answer cost about
#     one timeout, not four: they are opened side by side.
# Each check failed on the build before issue 10.
#   readers2.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"

# --- Escapes. One article with escapes in its id, title and body.
esc=$(printf '\033')
printf '%s\n' '{"id": "esc\u001b]0;evil\u0007", "title": "Tiêu đề \u001b[2J xóa màn hình \u009b31m", "date": "2024-01-01", "body": "Nội dung \u001b[31m đỏ \u007f hết \u009b0m màn hình."}' >esc.jsonl
"$index" --db escdb --quiet esc.jsonl
expect "escapes: indexed" 0 $?
"$query" --db escdb màn hình >text.out 2>text.err
expect "escapes: text exit" 0 $?
expect "escapes: text output" '1 of 1 results:

1. Tiêu đề \x1b[2J xóa màn hình \u009b31m
   2024-01-01  esc\x1b]0;evil\x07  (1.2332)
   Nội dung \x1b[31m đỏ \x7f hết \u009b0m màn hình.' "$(cat text.out)"
expect "escapes: no ESC in text output" 0 "$(grep -c "$esc" text.out)"
"$query" --db escdb --json màn hình >json.out
expect "escapes: JSON output" '{"format": 1, "query": "màn hình", "total": 1, "total_exact": true, "partial": false, "relaxation": "none", "hits": [{"rank": 1, "id": "esc\u001b]0;evil\u0007", "title": "Tiêu đề \u001b[2J xóa màn hình \u009b31m", "date": "2024-01-01", "score": 1.2332, "other_marks": false, "snippet": "Nội dung \u001b[31m đỏ \u007f hết \u009b0m <b>màn</b> <b>hình</b>."}]}' "$(cat json.out)"
# On a terminal, highlights are colour, and only ours: the article's own
# colour codes stay escaped.
if command -v script >/dev/null; then
    script -qc "'$query' --db escdb màn hình" /dev/null >tty.out </dev/null
    expect "escapes: terminal snippet" \
        "   Nội dung \\x1b[31m đỏ \\x7f hết \\u009b0m ${esc}[1;31mmàn${esc}[0m ${esc}[1;31mhình${esc}[0m." \
        "$(tr -d '\r' <tty.out | tail -n 1)"
else
    echo "readers2: terminal highlights skipped: no script(1)"
fi

# --- --timeout 0: a usage error that says so.
"$query" --db escdb --timeout 0 màn hình >out.txt 2>err.txt
expect "--timeout 0: exit" 2 $?
expect "--timeout 0: message" "vnsearch-query: --timeout: not a time in milliseconds from 1 to 100000: 0
Try 'vnsearch-query --help'." "$(cat err.txt)"
expect "--timeout 0: no output" "" "$(cat out.txt)"

# --- An index that cannot be read: "Permission denied". Root reads
# anything, so as root the search runs as nobody (the folder opened to
# them first); elsewhere as the user running the test.
as_reader() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups "$query" --version >/dev/null 2>&1; then
        as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
        chmod 755 "$t"
    else
        as_reader() { return 77; }
    fi
fi
cp -R escdb locked
chmod 000 locked
as_reader "$query" --db "$t/locked" màn hình >out.txt 2>err.txt
code=$?
if [ $code -eq 77 ]; then
    echo "readers2: unreadable index skipped: cannot run as nobody"
else
    expect "unreadable index: exit" 1 $code
    expect "unreadable index: message" "vnsearch-query: cannot read the index: $t/locked: Permission denied" "$(cat err.txt)"
    chmod 755 locked
    chmod 000 locked/*
    as_reader "$query" --db "$t/locked" màn hình >out.txt 2>err.txt
    expect "unreadable index files: exit" 1 $?
    expect "unreadable index files: message" "vnsearch-query: cannot read the index: $t/locked: $t/locked/iamglass: Failed to open glass revision file for reading (Permission denied)" "$(cat err.txt)"
fi
chmod -R u+rwX locked

# --- 4 remote shards that accept and never answer, with --timeout 1000 and
# --allow-partial, beside a local one: opened one after another they took
# 4 s; side by side about 1 s, and they are reported in their order. The
# listeners (loopback, ports chosen by the system) live at most 30 s.
if command -v python3 >/dev/null; then
    python3 -c '
import select, socket, sys, time
socks = []
for _ in range(4):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    socks.append(s)
with open("ports.tmp", "w") as f:
    f.write(" ".join(str(s.getsockname()[1]) for s in socks) + "\n")
import os
os.rename("ports.tmp", "ports")
held, end = [], time.time() + 30
while time.time() < end:
    ready, _, _ = select.select(socks, [], [], 0.5)
    for s in ready:
        held.append(s.accept()[0])
' &
    listeners=$!
    n=0
    while [ ! -s ports ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    set -- $(cat ports 2>/dev/null)
    if [ $# -eq 4 ]; then
        # One silent shard first: what a run costs here besides the waits
        # (under valgrind, seconds), so that four are compared with one.
        start=$(date +%s%N)
        "$query" --db escdb --db "tcp://127.0.0.1:$1" --timeout 1000 \
            --allow-partial --json màn hình >/dev/null 2>&1
        one_ms=$(( ($(date +%s%N) - start) / 1000000 ))
        start=$(date +%s%N)
        "$query" --db escdb --db "tcp://127.0.0.1:$1" \
            --db "tcp://127.0.0.1:$2" --db "tcp://127.0.0.1:$3" \
            --db "tcp://127.0.0.1:$4" --timeout 1000 --allow-partial \
            --json màn hình >out.txt 2>err.txt
        code=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        expect "silent shards: exit" 0 $code
        expect "silent shards: left out, in order" \
            "tcp://127.0.0.1:$1 tcp://127.0.0.1:$2 tcp://127.0.0.1:$3 tcp://127.0.0.1:$4" \
            "$(sed -n 's/^vnsearch-query: shard left out: \(tcp:[^ ]*\): .*/\1/p' err.txt | tr '\n' ' ' | sed 's/ $//')"
        grep -q '"total": 1, "total_exact": true, "partial": true, "missing": \[{"shard": "tcp://127.0.0.1:'"$1"'"' out.txt && ok ||
            bad "silent shards: output: $(cat out.txt)"
        # One after another, four would cost three timeouts more than one.
        [ $((ms - one_ms)) -lt 1500 ] && ok ||
            bad "4 silent shards took $ms ms, 1 took $one_ms ms (1 s timeout each)"
        echo "readers2: silent remote shards, --timeout 1000: 1 in $one_ms ms, 4 in $ms ms"
        "$query" --db "tcp://127.0.0.1:$1" --db "tcp://127.0.0.1:$2" \
            --timeout 500 màn hình >out.txt 2>err.txt
        expect "silent shards, none allowed out: exit" 3 $?
        grep -q "^vnsearch-query: remote shard unreachable: tcp://127.0.0.1:$1: " err.txt && ok ||
            bad "silent shards, none allowed out: message: $(cat err.txt)"
    else
        bad "the listeners did not start"
    fi
    kill $listeners 2>/dev/null
    wait $listeners 2>/dev/null
else
    echo "readers2: silent remote shards skipped: no python3"
fi

finish readers2
