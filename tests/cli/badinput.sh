#!/bin/sh
# The rows of the README's bad-input table that index.sh does not build:
# an unreadable file and directory (run as an unprivileged user, since
# root reads everything), invalid UTF-8 in JSON and in a page, an empty
# file, and a single line of 100 MB. Each is reported and skipped (or, for
# the page and the long line, indexed) and nothing around it is lost.
#   badinput.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"
chmod 755 "$t"

# As root, run the indexer as nobody; skip that part where it cannot run.
as_user=
if [ "$(id -u)" = 0 ]; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    if ! $as_user "$index" --version >/dev/null 2>&1; then
        echo "badinput: skipped: $index cannot run as user nobody here"
        exit 77
    fi
fi
mkdir -p in/locked out
[ -n "$as_user" ] && chown 65534:65534 out
printf '{"id": "ok1", "title": "Bộ phận một cửa", "body": "Tiếp nhận hồ sơ."}\n' >in/ok.jsonl
printf '{"id": "locked1", "title": "Trong thư mục khóa", "body": "x"}\n' >in/locked/x.jsonl
printf '{"id": "secret1", "title": "Tệp không đọc được", "body": "x"}\n' >in/secret.jsonl
printf '{"id": "u1", "title": "Lỗi \303\050 mã", "body": "x"}\n{"id": "u2", "title": "Sau dòng lỗi mã", "body": "Nội dung."}\n' >in/utf8.jsonl
printf 'Thông báo lỗi \341\272 mã hóa\nNgày 17/02/2019\nNội dung \377 trang.\n' >in/utf8page.txt
: >in/empty.jsonl
chmod 000 in/secret.jsonl in/locked
$as_user "$index" --db out/idx --quiet in 2>err.txt
expect "unreadable inputs: exit" 3 $?
chmod 755 in/locked
chmod 644 in/secret.jsonl
printf '%s\n' \
    "vnsearch-index: in/locked: cannot read directory: Permission denied" \
    "vnsearch-index: in/secret.jsonl: cannot open: Permission denied" \
    "vnsearch-index: in/utf8.jsonl:1: invalid JSON at byte 30: invalid UTF-8 (binary data)" >want.txt
if cmp -s want.txt err.txt; then ok; else bad "messages differ:"; diff want.txt err.txt; fi
expect "readable records indexed" "Qok1 Qu2 Qutf8page.txt" \
    "$(xapian-delve -a out/idx | tr ' ' '\n' | grep '^Q' | tr '\n' ' ' | sed 's/ $//')"
# The page's invalid bytes became U+FFFD; its words around them are found.
expect "page with invalid UTF-8" "utf8page.txt Thông báo lỗi � mã hóa" \
    "$("$query" --db out/idx --json "mã hóa" | sed -n 's/.*"id": "\([^"]*\)", "title": "\([^"]*\)".*/\1 \2/p')"

# One line of 100 MB: read whole and indexed like any record.
awk 'BEGIN {
    w = "Người dân nộp hồ sơ trực tuyến tại bộ phận một cửa của UBND tỉnh. "
    s = w; while (length(s) < 1048576) s = s s
    printf "{\"id\": \"big\", \"title\": \"Một dòng rất dài\", \"body\": \""
    for (i = 0; i < 100; i++) printf "%s", s
    printf "\"}\n{\"id\": \"after\", \"title\": \"Bài sau dòng dài\", \"body\": \"Nội dung.\"}\n"
}' >big.jsonl
[ "$(wc -c <big.jsonl)" -gt 100000000 ] && ok || bad "big.jsonl is $(wc -c <big.jsonl) bytes"
"$index" --db big --quiet big.jsonl
expect "100 MB line: exit" 0 $?
expect "100 MB line: documents" 2 "$(doccount big)"
expect "100 MB line: found" "big" "$("$query" --db big --json "trực tuyến" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')"
expect "after the 100 MB line: found" "after" "$("$query" --db big --json "bài sau" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')"
finish badinput
