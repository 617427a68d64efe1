#!/bin/sh
# Issue 10, what the operator set and what must not leak: --full keeps the
# index directory's mode and owner, takes --db with a trailing slash and
# --db as a symbolic link (the link stays, its target is rebuilt); symbolic
# links in a crawl folder are not followed by default, with
# --follow-symlinks only inside the PATH, with --follow-symlinks=any
# everywhere; a FIFO as PATH is refused at once (exit 5), one in a folder
# ignored; under umask 077 no index file is open to others.
#   perms.sh VNSEARCH_INDEX VNSEARCH_QUERY
index=$1 query=$2
. "$(dirname "$0")/lib.sh"
skipped_part=


mkdir -p news/hue news/hai-phong
cat >news/hue/tin.jsonl <<'JSON'
{"id": "hue-1", "title": "Thừa Thiên Huế: Trao quyết định giao đất tái định cư cho các hộ dân", "date": "2023-09-12", "body": "Ủy ban nhân dân thành phố Huế trao quyết định giao đất cho 46 hộ dân thuộc dự án chỉnh trang đô thị khu vực Kinh thành."}
{"id": "hue-2", "title": "Huế công bố danh mục thủ tục hành chính mới", "date": "2023-10-02", "body": "Danh mục gồm 12 thủ tục thuộc lĩnh vực đất đai, được niêm yết công khai tại bộ phận một cửa."}
JSON
cat >news/hai-phong/tin.jsonl <<'JSON'
{"id": "hp-1", "title": "Hải Phòng đẩy nhanh tiến độ giải ngân vốn đầu tư công", "date": "2024-01-08", "body": "Thành phố yêu cầu các chủ đầu tư hoàn thành thủ tục nghiệm thu trước ngày 31/01."}
JSON
new_article() { # FILE: an article added before a --full
    printf '{"id": "moi-1", "title": "Đà Lạt khánh thành cầu Phước Thành", "date": "2024-04-30", "body": "Cây cầu nối hai phường được đưa vào sử dụng đúng dịp lễ."}\n' >"$1"
}

# --- --full keeps the directory's mode.
"$index" --db idx --quiet news || bad "first build"
for mode in 750 755 711; do
    chmod $mode idx
    "$index" --db idx --full --quiet news
    expect "--full, mode $mode: exit" 0 $?
    expect "--full keeps mode $mode" $mode "$(stat -c %a idx)"
done
"$index" --db idx --full --jobs 2 --quiet news
expect "--full --jobs 2: exit" 0 $?
expect "--full --jobs 2 keeps mode 711" 711 "$(stat -c %a idx)"
# The files of a 750 index are not open to others either (umask 022).
chmod 750 idx
(umask 022 && "$index" --db idx --full --quiet news)
expect "--full, mode 750, umask 022: files open to others" "" \
    "$(find idx -perm /007 -printf '%p %m\n' | head -3 | tr '\n' ' ')"
chmod 750 idx
"$index" --db idx --shard-by year --full --jobs 2 --quiet news
expect "--full into shards: exit" 0 $?
expect "--full into shards keeps mode 750" 750 "$(stat -c %a idx)"
"$index" --db idx --full --quiet news
expect "--full back to one database keeps mode 750" "0 750" "$? $(stat -c %a idx)"

# --- ... and its owner (as root: the directory given to nobody:nogroup,
# the run as root).
if [ "$(id -u)" = 0 ]; then
    chown 65534:65534 idx
    "$index" --db idx --full --quiet news
    expect "--full as root: exit" 0 $?
    expect "--full keeps the owner" "65534:65534 750" "$(stat -c '%u:%g %a' idx)"
    "$index" --db idx --full --jobs 2 --quiet news
    expect "--full --jobs 2 keeps the owner" "65534:65534 750" "$(stat -c '%u:%g %a' idx)"
    chown 0:0 idx
    # What the owner is kept for: the service user's own runs and searches
    # go on after root's --full.
    chmod 755 "$t"
    mkdir srvdata
    cp -r news srvdata/news
    chown -R 65534:65534 srvdata
    as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
    if $as_nobody "$index" --version >/dev/null 2>&1; then
        $as_nobody "$index" --db srvdata/idx --quiet srvdata/news
        expect "as nobody: the first build" 0 $?
        chmod 755 srvdata/idx
        "$index" --db srvdata/idx --full --quiet srvdata/news
        expect "root's --full of nobody's index" 0 $?
        expect "root's --full: owner and mode" "65534:65534 755" "$(stat -c '%u:%g %a' srvdata/idx)"
        $as_nobody "$query" --db srvdata/idx --json giao đất >q.out 2>&1
        expect "root's --full: nobody searches" "0 hue-1" "$? $(sed -n 's/.*"id": "\([^"]*\)".*/\1/p' q.out)"
        new_article srvdata/news/moi.jsonl
        chown 65534:65534 srvdata/news/moi.jsonl
        $as_nobody "$index" --db srvdata/idx --quiet srvdata/news 2>err.txt
        expect "root's --full: nobody's next incremental run" 0 $?
        [ -s err.txt ] && bad "nobody's next run: $(cat err.txt)" || ok
        # Another user reads a 755 index after --full (a search service).
        chmod 755 idx
        "$index" --db idx --full --quiet news
        $as_nobody "$query" --db idx --json giao đất >q.out 2>&1
        expect "a 755 index after --full: another user searches" "0 hue-1" "$? $(sed -n 's/.*"id": "\([^"]*\)".*/\1/p' q.out)"
    else
        echo "perms: the service user part skipped: cannot run as nobody"
        skipped_part=yes
    fi
else
    echo "perms: owner part skipped: not run as root"
    skipped_part=yes
fi

# --- --db with a trailing slash.
new_article news/moi.jsonl
out=$("$index" --db idx/ --full --json --quiet news 2>err.txt)
expect "--db idx/ --full: exit" 0 $?
grep -q "cannot swap" err.txt && bad "--db idx/: $(cat err.txt)" || ok
expect "--db idx/ --full: documents" 4 "$(doccount idx)"
expect "--db idx/ --full: the new article" "moi-1" "$(found idx cầu phước thành)"
expect "--db idx/ --full: leftovers" "" "$(leftovers idx)$(ls -d idx/.full-* idx/*.full-* 2>/dev/null)"
"$index" --db idx/ --full --jobs 2 --quiet news
expect "--db idx/ --full --jobs 2: exit" "0 4" "$? $(doccount idx)"
rm news/moi.jsonl

# --- --db a symbolic link: the link stays, the directory it names is
# rebuilt, and the new article is found through both.
mkdir srv
"$index" --db srv/real --quiet news || bad "symlink: first build"
ln -s srv/real current
new_article news/moi.jsonl
"$index" --db current --full --quiet news
expect "--db symlink --full: exit" 0 $?
expect "--db symlink: still a link to srv/real" "srv/real" "$(readlink current)"
[ -d srv/real ] && [ ! -L srv/real ] && ok || bad "--db symlink: srv/real is no longer a directory"
expect "--db symlink: found through the link" "moi-1" "$(found current cầu phước thành)"
expect "--db symlink: found in the target" "moi-1" "$(found srv/real cầu phước thành)"
expect "--db symlink: leftovers" "" "$(leftovers current)$(leftovers srv/real)"
printf '{"id": "moi-2", "title": "Cần Giờ trồng mới rừng phòng hộ", "date": "2024-05-02", "body": "Huyện Cần Giờ trồng mới 20 héc-ta rừng ngập mặn."}\n' >news/moi2.jsonl
"$index" --db current --full --jobs 2 --quiet news
expect "--db symlink --full --jobs 2: exit" 0 $?
expect "--db symlink --full --jobs 2: still a link" "srv/real" "$(readlink current)"
expect "--db symlink --full --jobs 2: found in the target" "moi-2" "$(found srv/real rừng ngập mặn)"
"$index" --db current --shard-by year --full --jobs 2 --quiet news
expect "--db symlink --shard-by year --full --jobs 2: exit" 0 $?
expect "--db symlink, into shards: still a link" "srv/real" "$(readlink current)"
expect "--db symlink, into shards: the target is sharded" "yes 5" "$([ -f srv/real/XAPIANDB ] && echo yes) $(doccount srv/real)"
expect "--db symlink, into shards: leftovers" "" "$(leftovers current)$(leftovers srv/real)"
rm news/moi.jsonl news/moi2.jsonl

# --- Symbolic links in the crawl folder. Outside it: a file and a folder
# holding secret words; inside it: a link to a hidden folder (not walked
# itself).
mkdir -p private/docs crawl/tin news/.kho
printf '{"id": "mat-1", "title": "Tài liệu mật", "body": "Mật khẩu máy chủ là MATKHAU7731."}\n' >private/shadow.jsonl
printf '{"id": "mat-2", "title": "Hồ sơ nhân sự", "body": "Bảng lương BANGLUONG4402 của cơ quan."}\n' >private/docs/luong.jsonl
printf '{"id": "kho-1", "title": "Lưu trữ: Nghị quyết về phát triển du lịch", "body": "Nghị quyết đặt mục tiêu đón KHOTAILIEU5 triệu lượt khách."}\n' >news/.kho/nq.jsonl
ln -s ../private/shadow.jsonl news/leak.jsonl
ln -s ../private/docs news/leakdir
ln -s .kho/nq.jsonl news/kho.jsonl
"$index" --db l0 --quiet news 2>err.txt
expect "symlinks, default: exit" 0 $?
expect "symlinks, default: documents" 3 "$(doccount l0)"
expect "symlinks, default: the linked file outside" "" "$(found l0 matkhau7731)"
expect "symlinks, default: the linked folder outside" "" "$(found l0 bangluong4402)"
expect "symlinks, default: a link inside" "" "$(found l0 khotailieu5)"
"$index" --db l0f --full --jobs 2 --quiet news 2>/dev/null
expect "symlinks, default, --full --jobs 2" "0 3" "$? $(doccount l0f)"
"$index" --db l1 --follow-symlinks --quiet news 2>err.txt
expect "--follow-symlinks: exit" 3 $?
grep -q "news/leak.jsonl: symbolic link leads outside" err.txt && ok || bad "--follow-symlinks: file message: $(cat err.txt)"
grep -q "news/leakdir: symbolic link leads outside" err.txt && ok || bad "--follow-symlinks: folder message: $(cat err.txt)"
expect "--follow-symlinks: the linked file outside" "" "$(found l1 matkhau7731)"
expect "--follow-symlinks: the linked folder outside" "" "$(found l1 bangluong4402)"
expect "--follow-symlinks: a link inside" "kho-1" "$(found l1 khotailieu5)"
expect "--follow-symlinks: documents" 4 "$(doccount l1)"
"$index" --db l2 --follow-symlinks=any --quiet news 2>err.txt
expect "--follow-symlinks=any: exit" 0 $?
expect "--follow-symlinks=any: the linked file outside" "mat-1" "$(found l2 matkhau7731)"
expect "--follow-symlinks=any: the linked folder outside" "mat-2" "$(found l2 bangluong4402)"
expect "--follow-symlinks=any: documents" 6 "$(doccount l2)"
# A link given as PATH is what the operator named: followed.
"$index" --db l3 --quiet news/leak.jsonl
expect "a link given as PATH" "0 mat-1" "$? $(found l3 matkhau7731)"
# A link back up the tree is a loop, followed or not; bounded by timeout.
ln -s .. news/hue/vong
timeout 20 "$index" --db l4 --follow-symlinks --quiet news 2>err.txt
expect "--follow-symlinks, a loop: exit" 3 $?
grep -q "news/hue/vong: symbolic link loop; not followed" err.txt && ok || bad "--follow-symlinks, a loop: message: $(cat err.txt)"
expect "--follow-symlinks, a loop: documents" 4 "$(doccount l4)"
timeout 20 "$index" --db l5 --follow-symlinks=any --quiet news 2>err.txt
expect "--follow-symlinks=any, a loop: exit" 3 $?
grep -q "news/hue/vong: symbolic link loop; not followed" err.txt && ok || bad "--follow-symlinks=any, a loop: message: $(cat err.txt)"
expect "--follow-symlinks=any, a loop: documents" 6 "$(doccount l5)"
timeout 20 "$index" --db l6 --quiet news 2>err.txt
expect "a loop, not following links: exit and messages" "0 " "$? $(cat err.txt)"
rm news/hue/vong
rm news/leak.jsonl news/leakdir news/kho.jsonl

# --- FIFOs: as PATH, refused before anything is made; in a folder,
# ignored. Bounded by timeout so that a regression cannot hang.
mkfifo pipe.jsonl news/hue/pipe.jsonl
start=$(date +%s)
timeout 10 "$index" --db fifo --quiet pipe.jsonl 2>err.txt
code=$?
expect "a FIFO as PATH: exit" 5 $code
# At once: a FIFO opened for reading would block until the timeout (124).
[ $code = 124 ] || expect "a FIFO as PATH: at once" 1 $(( $(date +%s) - start <= 8 ))
grep "pipe.jsonl: .*not a regular file or directory" err.txt | grep -q "nothing was changed" && ok ||
    bad "a FIFO as PATH: message: $(cat err.txt)"
[ -e fifo ] && bad "a FIFO as PATH: the index was created" || ok
timeout 10 "$index" --db fifo2 --quiet news 2>err.txt
expect "a FIFO in a folder: exit" 0 $?
expect "a FIFO in a folder: documents" 3 "$(doccount fifo2)"
timeout 10 "$index" --db fifo3 --full --jobs 2 --quiet news 2>/dev/null
expect "a FIFO in a folder, --full --jobs 2" "0 3" "$? $(doccount fifo3)"
timeout 10 "$index" --db fifo2 --quiet /dev/null 2>err.txt
expect "a device as PATH: exit" 5 $?
printf '{"id": "stdin-1", "title": "Đọc từ đầu vào chuẩn", "body": "Nội dung."}\n' |
    timeout 10 "$index" --db fifo2 --quiet -
expect "- still reads stdin" "0 4" "$? $(doccount fifo2)"
# Followed links to a FIFO or a device are ignored like them, not read.
ln -s ../pipe.jsonl news/ong.jsonl
ln -s /dev/zero news/khong.jsonl
timeout 10 "$index" --db fifo4 --follow-symlinks=any --quiet news 2>err.txt
expect "links to a FIFO and a device, --follow-symlinks=any" "0 3" "$? $(doccount fifo4)"
rm news/ong.jsonl news/khong.jsonl
# A link given as PATH to a folder is walked.
ln -s news tinmoi
"$index" --db linkpath --quiet tinmoi
expect "a link to a folder given as PATH" "0 3" "$? $(doccount linkpath)"
rm news/hue/pipe.jsonl

# --- umask 077: nothing the build creates is open to group or others, in
# every layout.
for how in "" "--full" "--jobs 2" "--shard-by year" "--shard-by hash:2 --jobs 2"; do
    db=um$(echo "$how" | tr -dc 'a-z0-9')
    # shellcheck disable=SC2086
    (umask 077 && "$index" --db "$db" $how --quiet news)
    expect "umask 077 ($how): exit" 0 $?
    expect "umask 077 ($how): files open to others" "" \
        "$(find "$db" -perm /077 -printf '%p %m\n' 2>/dev/null | head -3 | tr '\n' ' ')"
done
(umask 077 && "$index" --db um --full --jobs 2 --quiet news)
expect "umask 077, a --full over a 700 index: files open to others" "" \
    "$(find um -perm /077 -printf '%p %m\n' | head -3 | tr '\n' ' ')"

finish perms || exit 1
[ -z "$skipped_part" ] || exit 77
