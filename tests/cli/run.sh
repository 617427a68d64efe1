#!/bin/sh
# Golden tests of the command-line programs: stdout compared byte for byte
# with expected/*.out, and exit codes checked.
#   run.sh VNSEARCH_QUERY VNSEARCH_INDEX EXPECTED_DIR
query=$1 index=$2 expected=$3
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
fail=0 pass=0

check() { # name, exit code wanted, exit code got
    if [ "$2" != "$3" ]; then
        echo "FAIL $1: exit code $3, expected $2"; fail=$((fail + 1))
    elif [ -f "$expected/$1.out" ] && ! cmp -s "$out/$1.out" "$expected/$1.out"; then
        echo "FAIL $1: output differs:"; diff "$expected/$1.out" "$out/$1.out"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

"$query" --analyze "Đẩy mạnh CẢI CÁCH hành chính: hoà giải, thuỷ lợi, vịêt," \
    "Nghị định 61/2018/NĐ-CP ngày 07/12/2018 của UBND TP.HCM" >"$out/analyze.out"
check analyze 0 $?

"$query" --help >"$out/help.out"; check query-help 0 $?
"$query" --version >"$out/version.out"; check query-version 0 $?
grep -q '^vnsearch-query [0-9.]* (libvnsearch [0-9.]*; ICU [0-9.]*; Xapian [0-9.]*; zlib [0-9.]*)$' "$out/version.out"
check query-version-format 0 $?
"$query" --no-such-option 2>"$out/err.txt" >/dev/null; check query-bad-option 2 $?
grep -q "Try 'vnsearch-query --help'" "$out/err.txt"; check query-bad-option-message 0 $?
"$index" --version >/dev/null; check index-version 0 $?
"$index" --help >/dev/null; check index-help 0 $?
"$index" --bogus 2>/dev/null; check index-bad-option 2 $?

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
