#!/bin/sh
# A damaged index never crashes vnsearch-query: 20 copies of an index of
# corpus/, each with one file overwritten with junk at a seeded offset or
# cut short, are searched with several queries. Each search either works
# (the damage was not in its way) or exits 3 naming a damaged index; no
# other exit code, no crash, no sanitizer report.
#   damaged.sh VNSEARCH_INDEX VNSEARCH_QUERY CORPUS_DIR
index=$1 query=$2 corpus=$3
. "$(dirname "$0")/lib.sh"
damaged=0

"$index" --db idx --quiet "$corpus" || bad "indexing corpus/"
files=$(cd idx && ls *.glass | sort)
nfiles=$(echo "$files" | wc -l)
round=1
while [ $round -le 20 ]; do
    rm -rf dmg && cp -r idx dmg
    file=$(echo "$files" | sed -n "$(( round % nfiles + 1 ))p")
    size=$(wc -c <"dmg/$file")
    offset=$(awk -v s=$round -v n=$size 'BEGIN { srand(s); printf "%d", rand() * n }')
    if [ $((round % 4)) -eq 0 ]; then
        truncate -s "$offset" "dmg/$file"
        what="$file cut at $offset"
    else
        awk -v s=$round 'BEGIN { srand(s * 7); for (i = 0; i < 64; i++) printf "%c", 1 + int(rand() * 250) }' |
            dd of="dmg/$file" bs=1 seek="$offset" conv=notrunc 2>/dev/null
        what="$file junk at $offset"
    fi
    for q in "cai cach hanh chinh" "UBND" '"một cửa"' "61/2018/NĐ-CP" "--sort date dat dai"; do
        "$query" --db dmg --json $q >out.json 2>err.txt
        code=$?
        case $code in
        0) ok ;;
        3) grep -q "damaged\|format" err.txt && ok || bad "$what: exit 3 without saying why: $(cat err.txt)"
           damaged=$((damaged + 1)) ;;
        *) bad "$what: query '$q' exit $code: $(head -c 300 err.txt)" ;;
        esac
    done
    round=$((round + 1))
done
echo "damaged: $damaged of 100 searches reported a damaged index, the rest worked"
finish damaged
