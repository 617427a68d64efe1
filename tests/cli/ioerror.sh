#!/bin/sh
# I/O errors at every write point of one commit: an index holds one
# committed batch of 50 articles; a run that adds a second batch makes N
# write-side calls (block writes, the version file, fdatasync, rename, the
# directory fsync), counted by the fault library. For each of the N, a run
# where that call fails with EIO must exit 1 with the system's reason,
# leave an index that passes xapian-check and holds at least the first
# batch (both, if the failed call came after the commit), and a rerun
# without the fault must complete it. At some points Xapian 1.4.22 cannot
# pass the error on and aborts the process: vnsearch-index catches the
# abort, says so, and exits 1 as well; those points are counted apart.
#   ioerror.sh VNSEARCH_INDEX FAULT_LIBRARY
index=$1 fault=$2
. "$(dirname "$0")/lib.sh"
# A sanitizer build's runtime wants to come first among the libraries.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

awk 'BEGIN { for (i = 1; i <= 100; i++) printf "{\"id\": \"e%03d\", \"title\": \"Bài %d: một cửa liên thông\", \"body\": \"Người dân nộp hồ sơ số %d; UBND tỉnh đẩy mạnh cải cách thủ tục hành chính, chuyển đổi số.\"}\n", i, i, i }' >both.jsonl
head -50 both.jsonl >first.jsonl
"$index" --db base --batch 50 --quiet first.jsonl || bad "first batch"

cp -a base counted
VNS_FAULT_LOG=$PWD/calls LD_PRELOAD=$fault \
    "$index" --db counted --batch 50 --quiet both.jsonl || bad "counting run"
points=$(wc -l <calls)
[ "$points" -ge 30 ] && ok || bad "only $points write points seen: is $fault preloaded?"

point=1 aborts=
while [ "$point" -le "$points" ]; do
    call=$(sed -n "${point}s/^[0-9]* //p" calls)
    rm -rf idx
    cp -a base idx
    VNS_FAULT_AT=$point LD_PRELOAD=$fault \
        "$index" --db idx --batch 50 --quiet both.jsonl 2>err.txt
    code=$?
    expect "EIO at $point ($call): exit" 1 $code
    if grep -q "^vnsearch-index: idx: Xapian aborted on a write error" err.txt; then
        aborts="$aborts $point ($call)"
        ok
    else
        grep -q "^vnsearch-index: idx: .*Input/output error" err.txt && ok ||
            bad "EIO at $point ($call): message: $(cat err.txt)"
    fi
    xapian-check idx >/dev/null 2>&1 && ok || bad "EIO at $point ($call): xapian-check"
    n=$(doccount idx)
    [ "$n" = 50 ] || [ "$n" = 100 ] && ok || bad "EIO at $point ($call): $n documents"
    "$index" --db idx --batch 50 --quiet both.jsonl
    expect "rerun after EIO at $point ($call): exit" 0 $?
    expect "rerun after EIO at $point ($call): documents" 100 "$(doccount idx)"
    point=$((point + 1))
done
echo "ioerror: $points write points: $(awk '{ print $2 }' calls | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')"
echo "ioerror: Xapian aborted at:${aborts:- none}"
finish ioerror
