# lib.sh - what the shell tests share; sourced, never run.
#
# Moves into a new temporary folder (removed on exit), and gives counters
# with ok/bad/expect, doccount (documents in an index) and finish NAME,
# which prints "NAME: N passed, N failed" and fails if anything did.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
fail=0 pass=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
expect() { # what, expected, got
    if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi
}
doccount() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
