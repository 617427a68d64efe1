# lib.sh - what the shell tests share; sourced, never run.
#
# Moves into a new temporary folder (removed on exit), and gives counters
# with ok/bad/expect, doccount (documents in an index) and finish NAME,
# which prints "NAME: N passed, N failed" and fails if anything did; ids,
# found and leftovers for the tests of a nightly job; appears (a path to
# wait for).
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
ids() { # DB: the ids in an index, sorted, on one line
    xapian-delve -a "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^Q//p' |
        LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
found() { # DB [OPTIONS] WORDS...: the ids $query finds, sorted (none when
          # no article has every word)
    db=$1
    shift
    out=$("$query" --db "$db" --json --limit 100 "$@" 2>&1)
    case $out in *'"partial": true'*) return ;; esac
    echo "$out" | tr '{' '\n' | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' |
        LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
appears() { # GLOB [TENTHS]: waits up to TENTHS tenths of a second
             # (default 100) for a path matching GLOB; 1 if none came
    for tenth in $(seq "${2:-100}"); do
        # shellcheck disable=SC2086
        [ -n "$(ls -d $1 2>/dev/null)" ] && return 0
        sleep 0.1
    done
    return 1
}
leftovers() { ls -d "$1".full-* "$1".merge-* 2>/dev/null | tr '\n' ' '; }
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
