#!/bin/sh
# Issue 10, input hygiene: the same id twice in one run (in two files, and
# twice in one file) is reported with the file and line of both, the first
# occurrence wins, in every layout (plain, --jobs 2, --full, --shard-by year
# with the two copies in different years, --shard-by hash:3), and a rerun
# reports it unchanged; a UTF-8 BOM at the start of a JSON Lines file or a
# page is skipped; "date": null (and any null) clears the field on update;
# 9999-12-31 and 0001-01-01 are dates like any other; ids, titles and
# snippets holding terminal escapes are never written raw by vnsearch-query.
#   hygiene.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"

field() { # DB FIELD WORDS...: FIELD of each hit, in rank order
    db=$1 name=$2
    shift 2
    "$query" --db "$db" --json --limit 100 "$@" 2>&1 | tr '{' '\n' |
        sed -n 's/.*"'"$name"'": \("[^"]*"\|null\).*/\1/p' | tr '\n' ' ' | sed 's/ $//'
}
qcount() { # DB ID: documents holding the id, over every shard
    if [ -f "$1/XAPIANDB" ]; then
        for s in "$1"/*/; do xapian-delve -t "Q$2" "$s" 2>/dev/null; done
    else
        xapian-delve -t "Q$2" "$1" 2>/dev/null
    fi | sed -n 's/.*(termfreq \([0-9]*\),.*/\1/p' | awk '{ n += $1 } END { print n + 0 }'
}
summary() { sed 's/, "seconds": [0-9.]*//'; }

# --- Duplicate ids. trung1: dup/a.jsonl:1 (2019) and dup/b.jsonl:2
# (2023); trung2: dup/c.jsonl:1 and :3.
mkdir dup
cat >dup/a.jsonl <<'JSON'
{"id": "trung1", "title": "Khánh Hòa khởi công đường ven biển Cam Ranh", "date": "2019-05-01", "body": "Tuyến đường dài 14 km nối sân bay Cam Ranh với thành phố Nha Trang."}
{"id": "khac1", "title": "Khánh Hòa tuyển dụng viên chức giáo dục", "date": "2019-06-11", "body": "Sở Nội vụ thông báo chỉ tiêu tuyển dụng năm học mới."}
JSON
cat >dup/b.jsonl <<'JSON'
{"id": "khac2", "title": "Phú Yên đón khách du lịch dịp lễ", "date": "2023-04-30", "body": "Lượng khách đến Gành Đá Đĩa tăng mạnh."}
{"id": "trung1", "title": "Phú Yên nghiệm thu kè chống sạt lở bờ sông Đà Rằng", "date": "2023-07-01", "body": "Công trình bảo vệ hàng trăm hộ dân ven sông."}
JSON
cat >dup/c.jsonl <<'JSON'
{"id": "trung2", "title": "Bình Định tổ chức liên hoan võ thuật cổ truyền", "date": "2022-09-03", "body": "Hơn 500 võ sinh tham gia biểu diễn tại Quy Nhơn."}
{"id": "khac3", "title": "Bình Định công bố quy hoạch tỉnh", "date": "2022-10-20", "body": "Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2050."}
{"id": "trung2", "title": "Ninh Thuận phát triển điện gió ngoài khơi", "date": "2021-02-14", "body": "Tỉnh kêu gọi nhà đầu tư vào năng lượng tái tạo."}
JSON
msg1="vnsearch-index: dup/b.jsonl:2: duplicate id trung1 (first at dup/a.jsonl:1); skipped"
msg2="vnsearch-index: dup/c.jsonl:3: duplicate id trung2 (first at dup/c.jsonl:1); skipped"

first_wins() { # DB WHAT
    expect "$2: documents" 5 "$(doccount "$1")"
    expect "$2: copies of trung1" 1 "$(qcount "$1" trung1)"
    expect "$2: copies of trung2" 1 "$(qcount "$1" trung2)"
    expect "$2: trung1's first title" "trung1" "$(found "$1" cam ranh)"
    expect "$2: trung1's second title" "" "$(found "$1" sạt lở)"
    expect "$2: trung1's date" '"2019-05-01"' "$(field "$1" date cam ranh)"
    expect "$2: trung2's first title" "trung2" "$(found "$1" võ thuật)"
    expect "$2: trung2's second title" "" "$(found "$1" điện gió)"
}
reported() { # ERRFILE WHAT
    grep -qxF "$msg1" "$1" && ok || bad "$2: message for trung1: $(cat "$1")"
    grep -qxF "$msg2" "$1" && ok || bad "$2: message for trung2: $(cat "$1")"
}

out=$("$index" --db plain --json --quiet dup 2>err.txt)
expect "duplicates: exit" 3 $?
expect "duplicates: summary" '{"format": 1, "db": "plain", "full": false, "added": 5, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 2, "files": 3, "exit": 3}' "$(echo "$out" | summary)"
reported err.txt "duplicates"
first_wins plain "duplicates"
out=$("$index" --db plain --json --quiet dup 2>err.txt)
expect "duplicates, rerun: exit" 3 $?
expect "duplicates, rerun: summary" '{"format": 1, "db": "plain", "full": false, "added": 0, "updated": 0, "unchanged": 5, "deleted": 0, "skipped": 2, "files": 3, "exit": 3}' "$(echo "$out" | summary)"
reported err.txt "duplicates, rerun"
first_wins plain "duplicates, rerun"
"$index" --db plain --full --quiet dup 2>err.txt
expect "duplicates, --full: exit" 3 $?
reported err.txt "duplicates, --full"
first_wins plain "duplicates, --full"

n=0
for how in "--jobs 2" "--shard-by year" "--shard-by year --full --jobs 2" \
           "--shard-by hash:3 --jobs 2"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    "$index" --db "db$n" $how --quiet dup 2>err.txt
    expect "duplicates ($how): exit" 3 $?
    reported err.txt "duplicates ($how)"
    first_wins "db$n" "duplicates ($how)"
    # shellcheck disable=SC2086
    out=$("$index" --db "db$n" $(echo "$how" | sed 's/--full //') --json --quiet dup 2>/dev/null)
    echo "$out" | grep -q '"added": 0, "updated": 0, "unchanged": 5,' && ok ||
        bad "duplicates ($how), rerun: $out"
    first_wins "db$n" "duplicates ($how), rerun"
done
[ -d db3/2019 ] && [ -f db3/XAPIANDB ] && ok || bad "--shard-by year: no shard 2019: $(ls db3)"

# --- A UTF-8 BOM at the start of a file is skipped.
mkdir bom
printf '\357\273\277{"id": "bom1", "title": "Kon Tum phát triển vùng trồng sâm Ngọc Linh", "date": "2024-02-20", "body": "Tỉnh quy hoạch hơn 15.000 héc-ta dược liệu."}\n{"id": "bom2", "title": "Kon Tum sắp xếp đơn vị hành chính cấp xã", "date": "2024-03-01", "body": "Sau sắp xếp, tỉnh giảm 9 xã."}\n' >bom/a.jsonl
printf '\357\273\277{"id": "bom3", "title": "Đắk Nông công nhận công viên địa chất toàn cầu", "date": "2020-07-07", "body": "UNESCO công nhận Công viên địa chất Đắk Nông."}\n' | gzip -9n >bom/b.jsonl.gz
printf '\357\273\277Gia Lai: Khai mạc Lễ hội văn hóa cồng chiêng\nNgày đăng: 07/12/2018 04:59\nSáng 7/12, tại thành phố Pleiku, UBND tỉnh Gia Lai khai mạc lễ hội văn hóa cồng chiêng với sự tham gia của 20 đội nghệ nhân.\nTheo: gialai.gov.vn\n' >bom/trang.txt
"$index" --db bomdb --quiet bom 2>err.txt
expect "BOM: exit" 0 $?
expect "BOM: no message" "" "$(cat err.txt)"
expect "BOM: documents" 4 "$(doccount bomdb)"
expect "BOM: the first JSON record" "bom1" "$(found bomdb sâm ngọc linh)"
expect "BOM: the first record of a gzip file" "bom3" "$(found bomdb công viên địa chất)"
expect "BOM: the page's title" '"Gia Lai: Khai mạc Lễ hội văn hóa cồng chiêng"' "$(field bomdb title cồng chiêng)"
"$query" --db bomdb --json cồng chiêng >bom.json
expect "BOM: no U+FEFF in the output" 0 "$(grep -c "$(printf '\357\273\277')\|\\\\ufeff" bom.json)"
expect "BOM: the title's first word" "trang.txt" "$(found bomdb title:gia title:lai)"

# --- null clears a field: on update, and after an earlier member of the
# same record set it (the last of a key given twice stands).
mkdir nul
printf '{"id": "ngay1", "title": "Quảng Trị tổ chức lễ thả hoa đăng trên sông Thạch Hãn", "date": "2020-07-27", "lead": "Tưởng niệm các anh hùng liệt sĩ HOADANG77", "body": "Hàng nghìn người dân và du khách tham dự."}\n' >nul/a.jsonl
"$index" --db nuldb --quiet nul || bad "null: first run"
expect "null: dated at first" '"2020-07-27"' "$(field nuldb date thạch hãn)"
expect "null: the lead found at first" "ngay1" "$(found nuldb hoadang77)"
printf '{"id": "ngay1", "title": "Quảng Trị tổ chức lễ thả hoa đăng trên sông Thạch Hãn", "date": null, "lead": null, "body": "Hàng nghìn người dân và du khách tham dự."}\n' >nul/a.jsonl
out=$("$index" --db nuldb --json --quiet nul 2>err.txt)
expect "null on update: exit" 0 $?
echo "$out" | grep -q '"added": 0, "updated": 1, "unchanged": 0' && ok || bad "null: summary: $out $(cat err.txt)"
expect "null on update: the date cleared" "null" "$(field nuldb date thạch hãn)"
expect "null on update: out of a date range" "" "$(found nuldb --from 2020 --to 2020 thạch hãn)"
expect "null on update: the lead cleared" "" "$(found nuldb hoadang77)"
expect "null on update: no date value" "" "$(xapian-delve -V0 nuldb | sed -n 's/^Value 0 for each document: *//p')"
printf '{"id": "ngay2", "title": "Hà Tĩnh khôi phục làng nghề nón lá", "date": "2021-03-08", "lead": "Làng nghề NONLA55 được công nhận", "body": "Nghề làm nón được truyền qua nhiều thế hệ.", "date": null, "lead": null}\n{"id": "ngay3", "title": "Nghệ An khai mạc hội chợ thương mại", "date": "2019-02-31", "body": "Hơn 300 gian hàng tham gia.", "date": "2019-03-01"}\n' >nul/b.jsonl
"$index" --db nuldb --quiet nul 2>err.txt
expect "a later null in the record: exit" 0 $?
expect "a later null in the record: no message" "" "$(cat err.txt)"
expect "a later \"date\": null: no date" "null" "$(field nuldb date nón lá)"
expect "a later \"date\": null: out of a date range" "" "$(found nuldb --from 2021 --to 2021 nón lá)"
expect "a later \"lead\": null: the lead cleared" "" "$(found nuldb nonla55)"
expect "a date given twice: the last stands" '"2019-03-01"' "$(field nuldb date hội chợ thương mại)"

# --- The first and last days of the calendar are dates like any other.
mkdir far
printf '{"id": "xa1", "title": "Bản ghi mang ngày cuối cùng của lịch", "date": "9999-12-31", "body": "Dữ liệu thử nghiệm ngày giới hạn."}\n{"id": "xa2", "title": "Bản ghi mang ngày đầu tiên của lịch", "date": "0001-01-01", "body": "Dữ liệu thử nghiệm ngày giới hạn."}\n{"id": "xa3", "title": "Ngày không có thật", "date": "2019-02-29", "body": "Năm 2019 không nhuận."}\n' >far/a.jsonl
"$index" --db fardb --quiet far 2>err.txt
expect "far dates: exit (2019-02-29 skipped)" 3 $?
expect "far dates: messages" "vnsearch-index: far/a.jsonl:3: impossible date 2019-02-29" "$(cat err.txt)"
expect "far dates: documents" 2 "$(doccount fardb)"
expect "9999-12-31 kept" '"9999-12-31"' "$(field fardb date ngày cuối cùng)"
expect "0001-01-01 kept" '"0001-01-01"' "$(field fardb date ngày đầu tiên)"
expect "far dates, sorted by date" "xa1 xa2" "$("$query" --db fardb --json --sort date giới hạn | tr '{' '\n' | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
"$index" --db faryears --shard-by year --quiet far 2>/dev/null
expect "far dates, --shard-by year" "3 2" "$? $(doccount faryears)"

# --- Terminal escapes in ids, titles and snippets: escaped in text output.
mkdir esc
printf '{"id": "esc\\u001b]0;evil\\u0007", "title": "Tiêu đề \\u001b[2J xóa màn hình", "date": "2024-01-01", "body": "Nội dung có \\u001b[31m mã màu đỏ \\u001b[0m ở giữa màn hình."}\n' >esc/a.jsonl
printf 'Kon Tum: \033]0;evil\007 Hội nghị \033[2J xúc tiến đầu tư\nNgày đăng: 08/12/2018 10:00\nNội dung trang có mã \033[31m màu xúc tiến.\n' >esc/trang.txt
controls() { LC_ALL=C tr -d '\n' | LC_ALL=C tr -dc '\000-\037\177' | wc -c; }
"$index" --db escdb --quiet esc 2>err.txt
expect "escapes: exit" 0 $?
expect "escapes: documents" 2 "$(doccount escdb)"
# vnsearch-index names ids in its messages: escaped there too.
printf '{"id": "esc\\u001b]0;evil\\u0007", "title": "Bản sao \\u001b[2J", "date": "2024-01-02", "body": "Lặp lại."}\n' >esc/b.jsonl
"$index" --db escdb --quiet esc 2>err.txt
expect "escapes: a duplicate id: exit" 3 $?
grep -q "esc/b.jsonl:1: duplicate id .*evil.* (first at esc/a.jsonl:1); skipped" err.txt && ok ||
    bad "escapes: the duplicate message: $(cat -v err.txt)"
expect "escapes: control bytes in vnsearch-index's messages" 0 "$(controls <err.txt)"
rm esc/b.jsonl
"$query" --db escdb xóa màn hình >text.out
expect "escapes: a hit in text output" 1 "$(grep -c 'xóa màn hình' text.out)"
grep -q evil text.out && ok || bad "escapes: the id is not shown: $(cat -v text.out)"
expect "escapes: control bytes in text output (JSON record)" 0 "$(controls <text.out)"
expect "escapes: ESC bytes (JSON record)" 0 "$(grep -c "$(printf '\033')" text.out)"
"$query" --db escdb xúc tiến >text.out
expect "escapes: control bytes in text output (page)" 0 "$(controls <text.out)"
"$query" --db escdb --json màn hình >json.out
expect "escapes: control bytes in JSON output" 0 "$(controls <json.out)"

finish hygiene
