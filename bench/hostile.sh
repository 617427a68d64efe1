#!/bin/sh
# Hostile queries against a large index: the slowest and biggest queries
# the limits let through (4,096 bytes, 256 index terms, 64 words in a
# group, 64 alternatives, nesting 32), and what is refused. Prints, per
# query, vnsearch-query's exit code, the best of 3 wall times and the peak
# RSS (GNU time).
#   bench/hostile.sh [INDEX] [VNSEARCH_QUERY]
#   (default /tmp/vns-eval/idx, built by bench_quality; build/query/...)
set -u
idx=${1:-/tmp/vns-eval/idx}
query=$(realpath "${2:-build/query/vnsearch-query}") || exit 1
# Vietnamese's most frequent syllables: the longest posting lists.
common="và của trong các có là với được cho không một đã người công năm khi
đồng từ ở tại này những để nhiều thể về nguồn đến hiện vào sự đó theo ra đầu
việc trên ngày ông định chính thành cũng quan gia giá động hơn quốc nhà số
thời như bộ sau sẽ bị nhân nhất lại chỉ nam hàng trung ảnh trước trường làm
cơ nước điều đang còn anh thông việt cao tăng hợp hội phải nhận lượng tiếp
học điểm hành hình nhưng độ phát đối cùng thực qua sinh biết lực mới năng
trình viên tế hai tôi lý tháng dự kết thế an tin đại chủ xuất con dân đây
thủ diễn tỷ lớn vụ sản tài dụng"
words() { echo $common | cut -d' ' -f"$1"; }
joined() { words "$1" | sed "s/ /$2/g"; }
pairs() { # N: N phrases of two common words, joined by $2
    words 1-$(( 2 * $1 )) | awk -v sep="$2" '{ for (i = 1; i < NF; i += 2)
        printf "%s\"%s %s\"", (i > 1 ? sep : ""), $i, $(i + 1) }'; }

run() { # name, query
    best=
    for r in 1 2 3; do
        start=$(date +%s%N)
        /usr/bin/time -f %M -o rss.txt "$query" --db "$idx" -- "$2" \
            >out.txt 2>err.txt
        code=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
    done
    printf '%-44s exit %d  %5d ms  %4d MB  %s\n' "$1" "$code" "$best" \
        $(( $(tail -1 rss.txt) / 1024 )) \
        "$(head -c 70 err.txt | tr '\n' ' ')"
}
cd "$(mktemp -d)" || exit 1
run "64 common words (AND)" "$(words 1-64)"
run "64 common words OR" "$(joined 1-64 ' OR ')"
run "32 phrases of common pairs (AND)" "$(pairs 32 ' ')"
run "8 phrases of common pairs OR" "$(pairs 8 ' OR ')"
run "32 phrases of common pairs OR" "$(pairs 32 ' OR ')"
run "64 phrases of common pairs OR" "$(pairs 64 ' OR ')"
run "a phrase of 16 common words" "\"$(words 1-16)\""
run "60 abbreviations (UBND ...)" "$(for i in $(seq 60); do printf 'UBND '; done)"
run "nesting 32" "$(printf '(%.0s' $(seq 32))của$(printf ')%.0s' $(seq 32))"
run "nesting 33 (refused)" "$(printf '(%.0s' $(seq 33))của$(printf ')%.0s' $(seq 33))"
run "65 words (refused)" "$(words 1-65)"
run "3 groups of 40 OR, ANDed" "$(for g in 0 1 2; do printf '(%s) ' "$(joined $((g * 40 + 1))-$((g * 40 + 40)) ' OR ')"; done)"
run "20,000 words (refused)" "$(for i in $(seq 2000); do printf 'và của trong các có là với được cho không '; done)"
run "wildcards (not operators: separators)" "cai* ?ach h*nh ch?nh"
run "invalid UTF-8" "$(printf 'c\341\272i c\377ch h\300nh')"
