#!/bin/sh
# vnsearch-index end to end, on a real Xapian index in a temporary folder:
# the sample corpus, incremental runs, lock contention, a bad-input folder.
#   index.sh VNSEARCH_INDEX CORPUS_DIR EXPECTED_DIR
index=$1 corpus=$2 expected=$3
. "$(dirname "$0")/lib.sh"

summary() { # the --json summary without its timing
    sed 's/"seconds": [0-9.]*/"seconds": S/'
}
revision() { xapian-delve "$1" | sed -n 's/^revision = //p'; }

# The sample corpus: 40 articles, one of them gzip, one NFD.
out=$("$index" --db idx --json --quiet "$corpus"); code=$?
expect "corpus exit" 0 $code
expect "corpus summary" '{"format": 1, "db": "idx", "full": false, "added": 40, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 0, "files": 40, "seconds": S, "exit": 0}' "$(echo "$out" | summary)"
expect "documents" 40 "$(doccount idx)"
xapian-check idx >/dev/null 2>&1 && ok || bad "xapian-check after the first run"
xapian-delve -t Qpages/dong-nai/2022-giai-phong-mat-bang.txt idx 2>/dev/null | grep -q 'termfreq 1' \
    && ok || bad "gzip page indexed under its name without .gz"
xapian-delve -t 61/2018/nd-cp idx 2>/dev/null | grep -q 'termfreq [1-9]' \
    && ok || bad "document number indexed whole"
xapian-delve -t thua idx 2>/dev/null | grep -q 'termfreq [1-9]' \
    && ok || bad "folded term of the NFD page"

# Unchanged input: nothing written, not even a new revision.
rev=$(revision idx)
out=$("$index" --db idx --json --quiet "$corpus"); code=$?
expect "rerun exit" 0 $code
expect "rerun summary" '{"format": 1, "db": "idx", "full": false, "added": 0, "updated": 0, "unchanged": 40, "deleted": 0, "skipped": 0, "files": 40, "seconds": S, "exit": 0}' "$(echo "$out" | summary)"
expect "revision after an unchanged run" "$rev" "$(revision idx)"

# The same articles read from a copy: each remembers its new file
# (rewritten, reported unchanged), so that --delete-missing below knows
# the removed file's article came from the folder it reads.
cp -r "$corpus" c2
out=$("$index" --db idx --json --quiet c2); code=$?
expect "from a copy" '{"format": 1, "db": "idx", "full": false, "added": 0, "updated": 0, "unchanged": 40, "deleted": 0, "skipped": 0, "files": 40, "seconds": S, "exit": 0}' "$(echo "$out" | summary)"

# One edited file, one removed file.
sed -i '0,/UBND/s/UBND/Ủy ban nhân dân/' c2/pages/bac-ninh/2019-mot-cua-dien-tu.txt
rm c2/pages/can-tho/2018-quyet-toan-ngan-sach.txt
out=$("$index" --db idx --json --quiet c2); code=$?
expect "edit: without --delete-missing" '{"format": 1, "db": "idx", "full": false, "added": 0, "updated": 1, "unchanged": 38, "deleted": 0, "skipped": 0, "files": 39, "seconds": S, "exit": 0}' "$(echo "$out" | summary)"
out=$("$index" --db idx --json --quiet --delete-missing c2); code=$?
expect "delete-missing" '{"format": 1, "db": "idx", "full": false, "added": 0, "updated": 0, "unchanged": 39, "deleted": 1, "skipped": 0, "files": 39, "seconds": S, "exit": 0}' "$(echo "$out" | summary)"
expect "documents after delete" 39 "$(doccount idx)"

# --full rebuilds beside and swaps: the index holds exactly the input.
out=$("$index" --db idx --full --json --quiet "$corpus"); code=$?
expect "full exit" 0 $code
expect "documents after --full" 40 "$(doccount idx)"
expect "no leftovers of --full, the lock file kept" "idx idx.lock" "$(echo $(ls -d idx*))"
xapian-check idx >/dev/null 2>&1 && ok || bad "xapian-check after --full"

# One writer at a time: a second one exits at once with code 4. "At once":
# while the first still holds the lock (not a time, which valgrind on a
# loaded machine stretches past any small bound).
(sleep 10 | "$index" --db idx --quiet - 2>/dev/null) &
holder=$!
sleep 3 # for the first to take the lock, even under valgrind
"$index" --db idx --quiet "$corpus" 2>lock.err; code=$?
expect "locked exit code" 4 $code
grep -q "being written by another vnsearch-index" lock.err && ok || bad "lock message: $(cat lock.err)"
kill -0 $holder 2>/dev/null && ok || bad "the locked run waited for the writer to finish"
wait $holder

# Bad inputs: each reported with file (and line) and skipped, the good
# records around them all indexed.
mkdir -p bad/sub
cat >bad/mixed.jsonl <<'JSON'
{"id": "j1", "title": "Đẩy mạnh cải cách hành chính", "date": "2024-03-12", "body": "Nội dung."}
{"id": "j-broken", "title": "thiếu dấu ngoặc"
{"id": "j2", "title": "Dịch vụ công trực tuyến", "date": null, "body": "Nội dung hai."}
{"id": "j-empty", "source": "x.vn"}
{"id": "j-date", "title": "Ngày không có thật", "date": "2019-02-31", "body": "x"}

{"id": "j3", "title": "Thủ tục hành chính", "body": "Nội dung ba."}
{"id": "j-nul", "title": "nhị phân\u0000", "body": "x"}
JSON
printf '{"id": "t1", "title": "một", "body": "hai"}\n{"id": "t2", "title": "ba", "body": "bốn"}\n' | gzip -9n >full.gz
head -c $(( $(wc -c <full.gz) - 6 )) full.gz >bad/truncated.jsonl.gz
head -c 2097152 /dev/zero | tr '\0' '\n' | gzip -9n >bad/bomb.jsonl.gz
: >bad/empty.txt
printf 'Tiêu đề\n\000\001\002' >bad/binary.txt
printf 'Tiêu đề\nthân bài\n' >bad/notgzip.txt.gz
printf 'Sở Nội vụ tổ chức hội nghị\nNgày đăng: 30/02/2020 08:00\nNội dung.\n' >bad/sub/bad-date.txt
printf 'Hà Nội: Công khai thủ tục hành chính\nNgày 17/02/2019\nNội dung trang.\n' >bad/sub/page.txt
ln -s .. bad/sub/loop
"$index" --db badidx --quiet --max-input 1 bad 2>bad.err; code=$?
expect "bad input exit code" 3 $code
if cmp -s bad.err "$expected/bad-input.err"; then ok; else
    bad "bad input messages differ:"; diff "$expected/bad-input.err" bad.err; fi
expect "good records around bad ones" 4 "$(doccount badidx)"
out=$("$index" --db badidx --json --quiet --max-input 1 bad 2>/dev/null)
expect "bad input summary" '{"format": 1, "db": "badidx", "full": false, "added": 0, "updated": 0, "unchanged": 4, "deleted": 0, "skipped": 10, "files": 2, "seconds": S, "exit": 3}' "$(echo "$out" | summary)"
# Symbolic links are followed only when asked: the loop is then reported.
"$index" --db badidx --quiet --max-input 1 --follow-symlinks bad 2>loop.err
expect "loop with --follow-symlinks: exit" 3 $?
grep -qx "vnsearch-index: bad/sub/loop: symbolic link loop; not followed" loop.err \
    && ok || bad "loop message: $(cat loop.err)"

# Index one record, then inspect exactly what was written: the pairs of
# adjacent words stay within a field (no "binh day"), and the parts of the
# compound pair with each other and with the word before it.
printf '{"id": "t1", "title": "Hoà bình", "date": "2024-03-12", "body": "Đẩy mạnh 61/2018/NĐ-CP"}\n' >one.jsonl
"$index" --db one --quiet one.jsonl
expect "terms of one record" "Term List for record #1: 2018 61 61/2018/nd-cp E61/2018/nđ-cp Ebình Ehòa Emạnh Enđ Eđẩy P2018 nd P61 2018 Pday manh Phoa binh Pmanh 61 Pnd cp Qt1 Sbinh Shoa binh cp day hoa manh nd" "$(xapian-delve -r 1 one)"
expect "date value" "Value 0 for each document: 1:20240312" "$(xapian-delve -V0 one)"
expect "title position and weight" "Position List for term 'hoa', record #1: 0" "$(xapian-delve -r 1 -t hoa one)"
xapian-delve -t hoa one | grep -q "wdf_max 3" && ok || bad "title words weigh 3"
expect "body positions after the title's" "Position List for term 'day', record #1: 102" "$(xapian-delve -r 1 -t day one)"
expect "format version" 3 "$(xapian-metadata get one vns:format)"

# An index of another format version: a clear error, and --full replaces it.
xapian-metadata set one vns:format 99
"$index" --db one --quiet one.jsonl 2>format.err; expect "other format exit" 1 $?
grep -q "index format 99; this vnsearch reads format 3: rebuild it with --full" format.err \
    && ok || bad "format message: $(cat format.err)"
"$index" --db one --full --quiet one.jsonl; expect "--full over another format" 0 $?
expect "format after --full" 3 "$(xapian-metadata get one vns:format)"

"$index" --db idx2 2>/dev/null; expect "no PATH is a usage error" 2 $?
"$index" --db idx2 --batch x . 2>/dev/null; expect "bad --batch" 2 $?
"$index" --db /proc/nope/idx "$corpus" 2>/dev/null; expect "unwritable index" 1 $?

finish index
