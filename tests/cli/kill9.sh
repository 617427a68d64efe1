#!/bin/sh
# Crash consistency: kill -9 vnsearch-index at random moments while it
# writes 10,000 articles in batches of 500; every time the index must open,
# pass xapian-check, hold a whole number of batches, and a rerun must
# complete it.
#   kill9.sh VNSEARCH_INDEX [ROUNDS]
index=$1 rounds=${2:-10}
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
    for (i = 1; i <= 10000; i++)
        printf "{\"id\": \"k%05d\", \"title\": \"Bài %d: cải cách hành chính tỉnh\", \"date\": \"2020-01-%02d\", \"body\": \"Đẩy mạnh cải cách thủ tục hành chính số %d tại bộ phận một cửa, ứng dụng công nghệ thông tin và dịch vụ công trực tuyến mức độ %d; UBND tỉnh giao Sở Nội vụ theo dõi.\"}\n", i, i, i % 28 + 1, i, i % 4 + 1
}' >articles.jsonl

# How long a whole run takes here, to spread the kills over it.
start=$(date +%s%N)
"$index" --db timing --batch 500 --quiet articles.jsonl || bad "timing run"
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# Reruns after a kill may find the lock still held for a moment (Xapian's
# lock-holding child process notices its parent's death asynchronously).
rerun() {
    for try in 1 2 3 4 5 6 7 8 9 10; do
        "$index" --db idx --batch 500 --quiet articles.jsonl 2>/dev/null
        code=$?
        [ $code -ne 4 ] && return $code
        sleep 0.2
    done
    return $code
}

round=1
while [ $round -le "$rounds" ]; do
    rm -rf idx
    delay_ms=$(awk -v seed=$round -v full=$full_ms \
        'BEGIN { srand(seed); printf "%d", 5 + rand() * full }')
    "$index" --db idx --batch 500 --quiet articles.jsonl &
    pid=$!
    sleep "$(awk -v ms=$delay_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if [ -d idx ]; then
        xapian-check idx >/dev/null 2>&1 && ok || bad "round $round: xapian-check after kill at ${delay_ms} ms"
        n=$(doccount idx)
        [ $(( n % 500 )) -eq 0 ] && ok || bad "round $round: $n documents is not whole batches"
    else
        ok # killed before the index was created
    fi
    rerun && ok || bad "round $round: rerun failed"
    [ "$(doccount idx)" = 10000 ] && ok || bad "round $round: $(doccount idx) documents after the rerun"
    xapian-check idx >/dev/null 2>&1 && ok || bad "round $round: xapian-check after the rerun"
    echo "round $round: killed at ${delay_ms} of ${full_ms} ms, ${n:-0} documents committed"
    round=$((round + 1))
done

finish kill9
