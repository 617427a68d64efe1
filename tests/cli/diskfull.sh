#!/bin/sh
# A full disk: vnsearch-index writes 4,000 articles in batches of 200 into
# a 1.5 MiB tmpfs (in a private mount namespace) until it fills (at 1 MiB
# the disk filled at one of the two points where Xapian 1.4.22 aborts). It must
# fail with exit 1 and the system's reason, leave an index that opens,
# passes xapian-check and holds whole batches; after the filesystem grows,
# a rerun completes. Skipped (77) where mount namespaces are not allowed.
#   diskfull.sh VNSEARCH_INDEX
index=$1
. "$(dirname "$0")/lib.sh"
mkdir mnt
if ! unshare -m sh -c "mount -t tmpfs -o size=1500k tmpfs mnt" 2>/dev/null; then
    echo "diskfull: skipped: no private mount namespace here"
    exit 77
fi
awk 'BEGIN { for (i = 1; i <= 4000; i++) printf "{\"id\": \"d%05d\", \"title\": \"Bài %d: dịch vụ công trực tuyến tỉnh\", \"body\": \"Người dân nộp hồ sơ qua Cổng dịch vụ công số %d; UBND tỉnh đẩy mạnh cải cách hành chính, thủ tục hành chính, một cửa liên thông, chuyển đổi số, ngân sách, đất đai.\"}\n", i, i, i }' >articles.jsonl
cat >inside.sh <<'SH'
index=$1
fail=0 pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
doccount() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
mount -t tmpfs -o size=1500k tmpfs mnt || exit 77
"$index" --db mnt/idx --batch 200 --quiet articles.jsonl 2>err.txt
code=$?
[ $code -eq 1 ] && ok || bad "full disk: exit $code, expected 1"
grep -q "No space left on device" err.txt && ok || bad "full disk message: $(cat err.txt)"
xapian-check mnt/idx >/dev/null 2>&1 && ok || bad "xapian-check after the full disk"
n=$(doccount mnt/idx)
[ -n "$n" ] && [ "$n" -gt 0 ] && [ $((n % 200)) -eq 0 ] && ok || bad "$n documents is not whole batches"
mount -o remount,size=64m mnt || bad "remount"
"$index" --db mnt/idx --batch 200 --quiet articles.jsonl; code=$?
[ $code -eq 0 ] && ok || bad "rerun after freeing space: exit $code"
[ "$(doccount mnt/idx)" = 4000 ] && ok || bad "$(doccount mnt/idx) documents after the rerun"
xapian-check mnt/idx >/dev/null 2>&1 && ok || bad "xapian-check after the rerun"
echo "diskfull: $n documents (whole batches) kept when the disk filled"
echo "diskfull: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
SH
unshare -m sh inside.sh "$index"
