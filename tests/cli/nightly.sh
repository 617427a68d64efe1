#!/bin/sh
# Issue 10, the nightly job: nothing is deleted because an input could not
# be read, and a run that would remove more than --max-delete of the index
# (default 10%) stops. A crawl folder of 40 articles in 20 files (4 folders,
# every fourth file gzip), then: the folder missing (exit 5, nothing
# changed), emptied (exit 6, "would delete N of M", nothing deleted), a
# truncated .jsonl.gz or a file with a broken record (its articles kept,
# exit 3), a file removed (its articles deleted, exit 0), --max-delete as a
# share and as a count, the same accidents with --full and --full --jobs 2
# (no swap, the live index untouched, a skipped file's articles carried
# over), the same folder named other ways, files moved or removed, a crawl
# folder reached through a symlink the crawler moves each day, articles of
# files outside the run's PATHs, an emptied page, a file over --max-input,
# the accidents on a year-sharded index, and a subfolder that cannot be
# read (as user nobody when run as root): its articles kept.
#   nightly.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"
chmod 755 "$t"
skipped_part=

revision() { xapian-delve "$1" | sed -n 's/^revision = //p'; }
without() { # the ids of $1 but those in $2
    echo "$1" | tr ' ' '\n' | grep -vxF "$(echo "$2" | tr ' ' '\n')" |
        tr '\n' ' ' | sed 's/ $//'
}

# The crawl folder: 20 files of 2 articles, n01..n40; file F holds
# n(2F-1) and n(2F); files 4, 8, 12, 16, 20 are gzip.
crawl() { # DIR
    mkdir -p "$1/ha-noi" "$1/da-nang" "$1/can-tho" "$1/lao-cai"
    awk -v dir="$1" 'BEGIN {
        split("ha-noi da-nang can-tho lao-cai", slug, " ")
        split("Hà Nội|Đà Nẵng|Cần Thơ|Lào Cai", name, "|")
        split("Đẩy mạnh cải cách thủ tục hành chính|Tiếp nhận hồ sơ trực tuyến tại bộ phận một cửa|Đối thoại với doanh nghiệp về giải phóng mặt bằng|Công khai kết quả giải quyết khiếu nại, tố cáo|Triển khai chữ ký số cho cán bộ, công chức", topic, "|")
        split("Ủy ban nhân dân thành phố yêu cầu các sở, ngành thực hiện nghiêm kỷ luật hành chính|Người dân được hướng dẫn nộp hồ sơ và nhận kết quả đúng hẹn qua dịch vụ bưu chính|Đoàn kiểm tra đã làm việc với lãnh đạo các phường về tiến độ bàn giao đất|Chủ tịch tỉnh đề nghị công khai danh sách hồ sơ trễ hạn và xin lỗi người dân", body, "|")
        n = 0
        for (f = 1; f <= 20; f++) {
            p = int((f - 1) / 5) + 1
            file = sprintf("%s/%s/bai-%02d.jsonl", dir, slug[p], f)
            for (k = 1; k <= 2; k++) {
                n++
                printf "{\"id\": \"n%02d\", \"title\": \"%s: %s, đợt %d\", \"date\": \"20%02d-%02d-%02d\", \"body\": \"%s. %s số %d.\", \"source\": \"%s.gov.vn\"}\n", \
                    n, name[p], topic[n % 5 + 1], n, 18 + n % 6, n % 12 + 1, n % 28 + 1, \
                    name[p], body[n % 4 + 1], n, slug[p] >file
            }
            close(file)
        }
    }'
    for f in "$1"/*/bai-04.jsonl "$1"/*/bai-08.jsonl "$1"/*/bai-12.jsonl \
             "$1"/*/bai-16.jsonl "$1"/*/bai-20.jsonl; do
        [ -f "$f" ] && gzip -9n "$f"
    done
}
crawl src
cp -r src crawl
[ -f crawl/can-tho/bai-12.jsonl.gz ] && ok || bad "the corpus has no crawl/can-tho/bai-12.jsonl.gz"

"$index" --db idx --quiet crawl
expect "first build: exit" 0 $?
expect "first build: documents" 40 "$(doccount idx)"
all=$(ids idx)
expect "first build: ids" "$(seq -f 'n%02g' 1 40 | tr '\n' ' ' | sed 's/ $//')" "$all"
rev=$(revision idx)
all0=$all
cp -a idx base
restore() { rm -rf idx idx.full-*; cp -a base idx; }
fresh() { # each accident starts from the first build and the whole folder
    rm -rf idx idx.full-* crawl
    cp -a base idx
    cp -r src crawl
}

# --- The crawl folder missing (a mount that is not up): exit 5 before
# anything is opened or written.
mv crawl crawl.away
restore
"$index" --db idx --delete-missing --quiet crawl 2>err.txt
expect "missing folder, --delete-missing: exit" 5 $?
grep -q "^vnsearch-index: crawl: cannot read: No such file or directory; nothing was changed" err.txt &&
    ok || bad "missing folder: message: $(cat err.txt)"
expect "missing folder: ids" "$all" "$(ids idx)"
expect "missing folder: no new revision" "$rev" "$(revision idx)"
restore
"$index" --db idx --delete-missing --quiet crawl.away crawl 2>err.txt
expect "one PATH of two missing: exit" 5 $?
expect "one PATH of two missing: ids" "$all" "$(ids idx)"
expect "one PATH of two missing: no new revision" "$rev" "$(revision idx)"
restore
"$index" --db idx --delete-missing --quiet crawl.away/ha-noi/nope.jsonl 2>err.txt
expect "a missing file: exit" 5 $?
grep -q "crawl.away/ha-noi/nope.jsonl: cannot read: No such file or directory; nothing was changed" err.txt &&
    ok || bad "a missing file: message: $(cat err.txt)"
restore
out=$("$index" --db idx --full --json --quiet crawl 2>err.txt)
expect "missing folder, --full: exit" 5 $?
grep -q "crawl: cannot read: No such file or directory; nothing was changed" err.txt &&
    ok || bad "missing folder, --full: message: $(cat err.txt)"
expect "missing folder, --full: ids" "$all" "$(ids idx)"
expect "missing folder, --full: the live index untouched" "$rev" "$(revision idx)"
expect "missing folder, --full: no leftover" "" "$(leftovers idx)"
echo "$out" | grep -q '"exit": [03]' && bad "missing folder, --full: summary claims success: $out" || ok
restore
out=$("$index" --db idx --full --jobs 2 --json --quiet crawl 2>err.txt)
expect "missing folder, --full --jobs 2: exit" 5 $?
grep -q "crawl: cannot read: No such file or directory; nothing was changed" err.txt &&
    ok || bad "missing folder, --full --jobs 2: message: $(cat err.txt)"
expect "missing folder, --full --jobs 2: ids" "$all" "$(ids idx)"
expect "missing folder, --full --jobs 2: the live index untouched" "$rev" "$(revision idx)"
expect "missing folder, --full --jobs 2: no leftover" "" "$(leftovers idx)"
echo "$out" | grep -q '"exit": [03]' && bad "missing folder, --full --jobs 2: summary claims success: $out" || ok
xapian-check idx >/dev/null 2>&1 && ok || bad "missing folder: xapian-check"

# --- The crawl folder there but empty: every article would go; exit 6,
# nothing deleted.
fresh
rm -r crawl/*
restore
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "empty folder, --delete-missing: exit" 6 $?
grep -q "would delete 40 of 40 articles" err.txt && ok || bad "empty folder: message: $(cat err.txt)"
expect "empty folder: ids" "$all" "$(ids idx)"
echo "$out" | grep -q '"exit": [03]' && bad "empty folder: summary claims success: $out" || ok
echo "$out" | grep -q '"deleted": 40' && bad "empty folder: summary says deleted: $out" || ok
restore
out=$("$index" --db idx --full --json --quiet crawl 2>err.txt)
expect "empty folder, --full: exit" 6 $?
grep -q "would delete 40 of 40 articles" err.txt && ok || bad "empty folder, --full: message: $(cat err.txt)"
expect "empty folder, --full: no swap" "$all" "$(ids idx)"
expect "empty folder, --full: no leftover" "" "$(leftovers idx)"
echo "$out" | grep -q '"exit": [03]' && bad "empty folder, --full: summary claims success: $out" || ok
restore
out=$("$index" --db idx --full --jobs 2 --json --quiet crawl 2>err.txt)
expect "empty folder, --full --jobs 2: exit" 6 $?
grep -q "would delete 40 of 40 articles" err.txt && ok || bad "empty folder, --full --jobs 2: message: $(cat err.txt)"
expect "empty folder, --full --jobs 2: no swap" "$all" "$(ids idx)"
expect "empty folder, --full --jobs 2: no leftover" "" "$(leftovers idx)"
echo "$out" | grep -q '"exit": [03]' && bad "empty folder, --full --jobs 2: summary claims success: $out" || ok
xapian-check idx >/dev/null 2>&1 && ok || bad "empty folder: xapian-check"
# --max-delete 100% allows it (on copies).
cp -a base all100
out=$("$index" --db all100 --delete-missing --max-delete 100% --json --quiet crawl 2>err.txt)
expect "empty folder, --max-delete 100%: exit" 0 $?
echo "$out" | grep -q '"deleted": 40' && ok || bad "--max-delete 100%: summary: $out $(cat err.txt)"
expect "empty folder, --max-delete 100%: documents" 0 "$(doccount all100)"
cp -a base full100
"$index" --db full100 --full --max-delete 100% --quiet crawl 2>err.txt
expect "empty folder, --full --max-delete 100%: exit" 0 $?
expect "empty folder, --full --max-delete 100%: documents" 0 "$(doccount full100)"

# --- A .jsonl.gz truncated mid-write: that file's articles are kept.
fresh
truncated=crawl/can-tho/bai-12.jsonl.gz # n23 n24
cp "$truncated" whole.gz
head -c $(( $(wc -c <whole.gz) * 2 / 3 )) whole.gz >"$truncated"
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "truncated gzip, --delete-missing: exit" 3 $?
grep -q "$truncated: corrupt or truncated gzip" err.txt && ok || bad "truncated gzip: message: $(cat err.txt)"
echo "$out" | grep -q '"deleted": 0,' && ok || bad "truncated gzip: summary: $out"
expect "truncated gzip: ids" "$all" "$(ids idx)"
expect "truncated gzip: found" "n23 n24" "$(found idx "đợt 23" OR "đợt 24")"
rev=$(revision idx)
out=$("$index" --db idx --full --json --quiet crawl 2>err.txt)
expect "truncated gzip, --full: exit" 3 $?
grep -q "$truncated: corrupt or truncated gzip" err.txt && ok || bad "truncated gzip, --full: message: $(cat err.txt)"
expect "truncated gzip, --full: carried over" "$all" "$(ids idx)"
expect "truncated gzip, --full: still found" "n23 n24" "$(found idx "đợt 23" OR "đợt 24")"
expect "truncated gzip, --full: no leftover" "" "$(leftovers idx)"
xapian-check idx >/dev/null 2>&1 && ok || bad "truncated gzip, --full: xapian-check"
"$index" --db idx --full --jobs 2 --quiet crawl 2>err.txt
expect "truncated gzip, --full --jobs 2: exit" 3 $?
expect "truncated gzip, --full --jobs 2: carried over" "$all" "$(ids idx)"
expect "truncated gzip, --full --jobs 2: still found" "n23 n24" "$(found idx "đợt 23" OR "đợt 24")"
expect "truncated gzip, --full --jobs 2: no leftover" "" "$(leftovers idx)"
# The file whole again: its articles read again, unchanged.
cp whole.gz "$truncated"
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "gzip whole again: exit" 0 $?
echo "$out" | grep -q '"added": 0, "updated": 0, "unchanged": 40, "deleted": 0' && ok ||
    bad "gzip whole again: summary: $out $(cat err.txt)"

# --- A JSON Lines file with a broken record keeps the article it held.
fresh
broken=crawl/da-nang/bai-07.jsonl # n13 n14
cp "$broken" whole.jsonl
sed -i '2s/.*/{"id": "n14", "title": "Bản ghi bị cắt giữa chừng/' "$broken"
"$index" --db idx --delete-missing --quiet crawl 2>err.txt
expect "broken record, --delete-missing: exit" 3 $?
grep -q "$broken:2: invalid JSON" err.txt && ok || bad "broken record: message: $(cat err.txt)"
expect "broken record: ids" "$all" "$(ids idx)"
cp whole.jsonl "$broken"

# --- A file removed from a folder that was read: its articles are deleted
# (2 of 40: 5%, under the default 10%).
fresh
rm crawl/ha-noi/bai-02.jsonl # n03 n04
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "file removed: exit" 0 $?
echo "$out" | grep -q '"added": 0, "updated": 0, "unchanged": 38, "deleted": 2, "skipped": 0' && ok ||
    bad "file removed: summary: $out $(cat err.txt)"
all=$(without "$all" "n03 n04")
expect "file removed: ids" "$all" "$(ids idx)"
expect "file removed: not found" "" "$(found idx "đợt 3" OR "đợt 4")"

# --- --max-delete: 6 of 40 (15%) refused by default, the run's new
# article committed all the same; then as a share and as a count.
fresh
all=$(ids idx)
rm crawl/da-nang/bai-06.jsonl crawl/da-nang/bai-08.jsonl.gz crawl/lao-cai/bai-17.jsonl # n11 n12 n15 n16 n33 n34
printf '{"id": "n41", "title": "Lào Cai: Khai trương Trung tâm phục vụ hành chính công", "date": "2024-05-20", "body": "Trung tâm tiếp nhận hồ sơ của người dân và doanh nghiệp từ ngày 20/5."}\n' \
    >crawl/lao-cai/bai-21.jsonl
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "6 of 40, default --max-delete: exit" 6 $?
grep -q "would delete 6 of 40 articles" err.txt && ok || bad "6 of 40: message: $(cat err.txt)"
all=$(printf '%s n41' "$all")
expect "6 of 40: nothing deleted, the new article added" "$all" "$(ids idx)"
expect "6 of 40: the new article found" "n41" "$(found idx khai trương trung tâm)"
echo "$out" | grep -q '"exit": [03]' && bad "6 of 40: summary claims success: $out" || ok
"$index" --db idx --delete-missing --max-delete 14% --quiet crawl 2>err.txt
expect "6 of 41 (14.6%), --max-delete 14%: exit" 6 $?
grep -q "would delete 6 of 41 articles" err.txt && ok || bad "--max-delete 14%: message: $(cat err.txt)"
"$index" --db idx --delete-missing --max-delete 5 --quiet crawl 2>err.txt
expect "6 of 41, --max-delete 5: exit" 6 $?
grep -q "would delete 6 of 41 articles" err.txt && ok || bad "--max-delete 5: message: $(cat err.txt)"
expect "--max-delete refused: ids" "$all" "$(ids idx)"
"$index" --db idx --full --max-delete 5 --quiet crawl 2>err.txt
expect "6 of 41, --full --max-delete 5: exit" 6 $?
grep -q "would delete 6 of 41 articles" err.txt && ok || bad "--full --max-delete 5: message: $(cat err.txt)"
expect "--full --max-delete 5: no swap" "$all" "$(ids idx)"
expect "--full --max-delete 5: no leftover" "" "$(leftovers idx)"
out=$("$index" --db idx --delete-missing --max-delete 6 --json --quiet crawl 2>err.txt)
expect "6 of 41, --max-delete 6: exit" 0 $?
echo "$out" | grep -q '"deleted": 6,' && ok || bad "--max-delete 6: summary: $out $(cat err.txt)"
all=$(without "$all" "n11 n12 n15 n16 n33 n34")
expect "--max-delete 6: ids" "$all" "$(ids idx)"
rm crawl/lao-cai/bai-18.jsonl # n35 n36
"$index" --db idx --delete-missing --max-delete 0 --quiet crawl 2>err.txt
expect "--max-delete 0: exit" 6 $?
grep -q "would delete 2 of 35 articles" err.txt && ok || bad "--max-delete 0: message: $(cat err.txt)"
"$index" --db idx --delete-missing --max-delete 6% --quiet crawl 2>err.txt
expect "2 of 35 (5.7%), --max-delete 6%: exit" 0 $?
all=$(without "$all" "n35 n36")
expect "--max-delete 6%: ids" "$all" "$(ids idx)"
"$index" --db idx --delete-missing --max-delete abc --quiet crawl 2>/dev/null
expect "--max-delete abc: exit" 2 $?
xapian-check idx >/dev/null 2>&1 && ok || bad "after --max-delete: xapian-check"

# --- The same folder named another way is the same folder: nothing is
# deleted, nothing kept that should go.
fresh
for name in ./crawl/ "$t/crawl" crawl/../crawl; do
    out=$("$index" --db idx --delete-missing --json --quiet "$name" 2>err.txt)
    expect "the folder as $name: exit" 0 $?
    echo "$out" | grep -q '"added": 0, "updated": 0, "unchanged": 40, "deleted": 0,' && ok ||
        bad "the folder as $name: summary: $out $(cat err.txt)"
done
mkdir -p elsewhere
out=$(cd elsewhere && "$index" --db ../idx --delete-missing --json --quiet ../crawl 2>&1)
expect "from another directory: exit" 0 $?
echo "$out" | grep -q '"unchanged": 40, "deleted": 0,' && ok || bad "from another directory: $out"
rm crawl/lao-cai/bai-19.jsonl # n37 n38
out=$("$index" --db idx --delete-missing --json --quiet "$t/crawl/" 2>err.txt)
expect "a file removed, the folder named absolute: exit" 0 $?
echo "$out" | grep -q '"deleted": 2,' && ok || bad "a file removed, the folder named absolute: $out $(cat err.txt)"
expect "a file removed, the folder named absolute: ids" "$(without "$all0" "n37 n38")" "$(ids idx)"

# --- A crawl folder reached through a symbolic link that the crawler points
# at each day's folder ("current" -> day1, then -> day2): the folder read
# is "current"; an article gone from a file read whole is deleted.
mkdir rot
cp -r src rot/day1
ln -s day1 rot/current
"$index" --db rotidx --quiet rot/current
expect "a rotated folder: day 1" "0 40" "$? $(doccount rotidx)"
cp -r src rot/day2
sed -i '2d' rot/day2/ha-noi/bai-01.jsonl # n02 gone from a file read whole
rm rot/day2/ha-noi/bai-03.jsonl # n05 n06 gone with their file
ln -sfn day2 rot/current
cp -a rotidx rotfull
"$index" --db rotfull --full --quiet rot/current 2>err.txt
expect "a rotated folder: day 2, --full: exit" 0 $?
expect "a rotated folder: day 2, --full: ids" "$(without "$all0" "n02 n05 n06")" "$(ids rotfull)"
out=$("$index" --db rotidx --delete-missing --json --quiet rot/current 2>err.txt)
expect "a rotated folder: day 2: exit" 0 $?
echo "$out" | grep -q '"deleted": 3,' && ok || bad "a rotated folder: day 2: summary: $out $(cat err.txt)"
expect "a rotated folder: day 2: ids" "$(without "$all0" "n02 n05 n06")" "$(ids rotidx)"
rm -r rot/day1 # the crawler cleans up
sed -i '2d' rot/day2/da-nang/bai-07.jsonl # n14
out=$("$index" --db rotidx --delete-missing --json --quiet rot/current 2>err.txt)
expect "a rotated folder: day 3: exit" 0 $?
echo "$out" | grep -q '"deleted": 1,' && ok || bad "a rotated folder: day 3: summary: $out $(cat err.txt)"
expect "a rotated folder: day 3: ids" "$(without "$all0" "n02 n05 n06 n14")" "$(ids rotidx)"

# --- Articles moved to another file are not deleted with the old file.
fresh
mv crawl/ha-noi/bai-01.jsonl crawl/ha-noi/bai-01-moi.jsonl # n01 n02
mv crawl/can-tho/bai-12.jsonl.gz crawl/lao-cai/bai-12.jsonl.gz # n23 n24
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "files moved: exit" 0 $?
echo "$out" | grep -q '"deleted": 0,' && ok || bad "files moved: summary: $out $(cat err.txt)"
expect "files moved: ids" "$all0" "$(ids idx)"
rm crawl/ha-noi/bai-01-moi.jsonl # n01 n02: now gone
out=$("$index" --db idx --delete-missing --json --quiet crawl 2>err.txt)
expect "a moved file removed: exit" 0 $?
echo "$out" | grep -q '"deleted": 2,' && ok || bad "a moved file removed: summary: $out $(cat err.txt)"
expect "a moved file removed: ids" "$(without "$all0" "n01 n02")" "$(ids idx)"

# --- The same accidents on a year-sharded index.
rm -rf ys ys.*
cp -r src crawl2
"$index" --db ys --shard-by year --quiet crawl2
expect "year shards: first build" "0 40" "$? $(doccount ys)"
mv crawl2 crawl2.away
"$index" --db ys --shard-by year --delete-missing --quiet crawl2 2>/dev/null
expect "year shards, missing folder: exit" 5 $?
"$index" --db ys --shard-by year --full --jobs 2 --quiet crawl2 2>/dev/null
expect "year shards, missing folder, --full --jobs 2: exit" 5 $?
expect "year shards, missing folder: ids" "$all0" "$(ids ys)"
mkdir crawl2
"$index" --db ys --shard-by year --delete-missing --quiet crawl2 2>err.txt
expect "year shards, empty folder: exit" 6 $?
grep -q "would delete 40 of 40 articles" err.txt && ok || bad "year shards, empty folder: message: $(cat err.txt)"
"$index" --db ys --shard-by year --full --jobs 2 --quiet crawl2 2>err.txt
expect "year shards, empty folder, --full --jobs 2: exit" 6 $?
expect "year shards, empty folder: ids" "$all0" "$(ids ys)"
expect "year shards, empty folder: leftovers" "" "$(leftovers ys)"
rmdir crawl2
mv crawl2.away crawl2
head -c $(( $(wc -c <whole.gz) * 2 / 3 )) whole.gz >crawl2/can-tho/bai-12.jsonl.gz
"$index" --db ys --shard-by year --delete-missing --quiet crawl2 2>/dev/null
expect "year shards, truncated gzip: exit" 3 $?
expect "year shards, truncated gzip: ids" "$all0" "$(ids ys)"
"$index" --db ys --shard-by year --full --jobs 2 --quiet crawl2 2>/dev/null
expect "year shards, truncated gzip, --full --jobs 2: exit" 3 $?
expect "year shards, truncated gzip, --full --jobs 2: carried over" "$all0" "$(ids ys)"
expect "year shards, truncated gzip, --full --jobs 2: found" "n23 n24" "$(found ys "đợt 23" OR "đợt 24")"
for shard in ys/*/; do
    xapian-check "$shard" >/dev/null 2>&1 && ok || bad "year shards: xapian-check $shard"
done
rm -rf crawl2

# --- Articles from files outside this run's PATHs are kept, by
# --delete-missing and by --full; so are those of a page that no longer
# parses (a crawler left it empty) and of a file over --max-input.
mkdir -p two/a two/b
cp -r src/ha-noi two/a/ # n01..n10
cp -r src/lao-cai two/b/ # n31..n40
printf 'Hà Giang: Mùa hoa tam giác mạch thu hút du khách\nNgày đăng: 05/11/2023 08:15\nNhững cánh đồng hoa trên cao nguyên đá Đồng Văn nở rộ, đón hàng nghìn lượt khách mỗi ngày.\nTheo: hagiang.gov.vn\n' >two/a/trang.txt
awk 'BEGIN {
    s = "Người dân vùng cao chuyển đổi cây trồng theo hướng hàng hóa. "
    while (length(s) < 1200000) s = s s
    printf "{\"id\": \"lon1\", \"title\": \"Báo cáo dài về chuyển đổi cơ cấu cây trồng\", \"date\": \"2023-12-01\", \"body\": \"%s\"}\n", s
    printf "{\"id\": \"lon2\", \"title\": \"Phụ lục báo cáo\", \"date\": \"2023-12-01\", \"body\": \"Số liệu kèm theo.\"}\n"
}' >two/a/lon.jsonl
"$index" --db ex --quiet two/a two/b
expect "two folders: exit" 0 $?
exall=$(ids ex)
expect "two folders: documents" 23 "$(doccount ex)"
"$index" --db ex --delete-missing --quiet two/a 2>err.txt
expect "one folder of two, --delete-missing: exit" 0 $?
expect "one folder of two, --delete-missing: the other's articles kept" "$exall" "$(ids ex)"
"$index" --db ex --full --quiet two/a 2>err.txt
expect "one folder of two, --full: exit" 0 $?
expect "one folder of two, --full: the other's articles kept" "$exall" "$(ids ex)"
: >two/a/trang.txt
"$index" --db ex --delete-missing --max-input 1 --quiet two/a two/b 2>err.txt
expect "an emptied page and a file over --max-input: exit" 3 $?
grep -q "two/a/trang.txt: no title" err.txt && ok || bad "emptied page: message: $(cat err.txt)"
grep -q "two/a/lon.jsonl: .*1 MiB" err.txt && ok || bad "over --max-input: message: $(cat err.txt)"
expect "an emptied page and a file over --max-input: ids" "$exall" "$(ids ex)"
"$index" --db ex --full --max-input 1 --quiet two/a two/b 2>err.txt
expect "an emptied page and a file over --max-input, --full: exit" 3 $?
expect "an emptied page and a file over --max-input, --full: carried over" "$exall" "$(ids ex)"
expect "an emptied page, --full: still found" "trang.txt" "$(found ex tam giác mạch)"

# --- A subfolder (and a file) that cannot be read: their articles are kept,
# by --delete-missing and by --full. Root reads everything: as user nobody.
as_user=
if [ "$(id -u)" = 0 ]; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    $as_user "$index" --version >/dev/null 2>&1 || as_user=skip
fi
if [ "$as_user" = skip ]; then
    echo "nightly: unreadable folder part skipped: $index cannot run as user nobody here"
    skipped_part=yes
else
    mkdir u
    cp -r src u/crawl
    [ -n "$as_user" ] && chown -R 65534:65534 u
    $as_user "$index" --db u/idx --quiet u/crawl
    code=$?
    expect "as nobody: first build" "0 40" "$code $(doccount u/idx)"
    uall=$(ids u/idx)
    chmod 000 u/crawl/lao-cai u/crawl/ha-noi/bai-01.jsonl # n31..n40; n01 n02
    out=$($as_user "$index" --db u/idx --delete-missing --json --quiet u/crawl 2>err.txt)
    expect "unreadable folder, --delete-missing: exit" 3 $?
    grep -q "u/crawl/lao-cai: cannot read directory: Permission denied" err.txt && ok ||
        bad "unreadable folder: message: $(cat err.txt)"
    grep -q "u/crawl/ha-noi/bai-01.jsonl: cannot open: Permission denied" err.txt && ok ||
        bad "unreadable file: message: $(cat err.txt)"
    echo "$out" | grep -q '"deleted": 0,' && ok || bad "unreadable folder: summary: $out"
    expect "unreadable folder and file: ids" "$uall" "$(ids u/idx)"
    $as_user "$index" --db u/idx --full --quiet u/crawl 2>err.txt
    expect "unreadable folder, --full: exit" 3 $?
    expect "unreadable folder, --full: carried over" "$uall" "$(ids u/idx)"
    expect "unreadable folder, --full: no leftover" "" "$(leftovers u/idx)"
    $as_user "$index" --db u/idx --full --jobs 2 --quiet u/crawl 2>err.txt
    expect "unreadable folder, --full --jobs 2: exit" 3 $?
    expect "unreadable folder, --full --jobs 2: carried over" "$uall" "$(ids u/idx)"
    chmod 755 u/crawl/lao-cai
    chmod 644 u/crawl/ha-noi/bai-01.jsonl
    xapian-check u/idx >/dev/null 2>&1 && ok || bad "unreadable folder: xapian-check"
fi

finish nightly || exit 1
[ -z "$skipped_part" ] || exit 77
