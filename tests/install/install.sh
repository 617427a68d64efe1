#!/bin/sh
# Installs the build into a temporary prefix, then builds the README's
# example program against it three ways (pkg-config, CMake's
# find_package, static libvnsearch.a) and runs each on an index of corpus/.
#   install.sh BUILD_DIR SOURCE_DIR VNSEARCH_INDEX
build=$1 src=$2 index=$3
. "$(dirname "$0")/../cli/lib.sh"

cmake --install "$build" --prefix "$t/prefix" >/dev/null || bad "cmake --install"
for f in include/vnsearch.h lib/pkgconfig/vnsearch.pc lib/cmake/vnsearch/vnsearchConfig.cmake \
         lib/libvnsearch.a bin/vnsearch-index bin/vnsearch-query; do
    [ -e "prefix/$f" ] && ok || bad "not installed: $f"
done
# 0.2 broke the API of 0.1: a new soname, and a CMake package that a
# program asking for 0.1 does not take.
[ -e prefix/lib/libvnsearch.so.1 ] && [ ! -e prefix/lib/libvnsearch.so.0 ] \
    && ok || bad "soname: $(ls prefix/lib)"
PKG_CONFIG_PATH="$t/prefix/lib/pkgconfig" pkg-config --modversion vnsearch | grep -qx "0\.2\.0" \
    && ok || bad "pkg-config version"
awk '/<!-- example: search.c -->/ { found = 1; next }
     found && /^```c/ { copy = 1; next }
     copy && /^```/ { exit }
     copy { print }' "$src/README.md" >search.c
[ -s search.c ] && ok || bad "no example in README.md"
"$index" --db idx --quiet "$src/corpus" || bad "index corpus/"

export PKG_CONFIG_PATH="$t/prefix/lib/pkgconfig"
cc -std=c99 -Wall -Wextra -Werror search.c $(pkg-config --cflags --libs vnsearch) -o search-pc \
    && ok || bad "build with pkg-config"
LD_LIBRARY_PATH="$t/prefix/lib" ./search-pc idx "cai cach hanh chinh" >out.txt && ok || bad "run"
head -1 out.txt | grep -qx "9 results" && ok || bad "example output: $(head -3 out.txt)"
grep -q "^1\. .*(20[0-9]*)$" out.txt && ok || bad "example hits: $(head -3 out.txt)"

mkdir cm
cat >cm/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(example C)
find_package(vnsearch REQUIRED)
add_executable(search ../search.c)
target_link_libraries(search PRIVATE vnsearch::vnsearch)
CMAKE
mkdir old && sed 's/find_package(vnsearch REQUIRED)/find_package(vnsearch 0.1 REQUIRED)/' \
    cm/CMakeLists.txt >old/CMakeLists.txt
cmake -S old -B old/build -DCMAKE_PREFIX_PATH="$t/prefix" >/dev/null 2>&1 \
    && bad "find_package(vnsearch 0.1) took 0.2" || ok
cmake -S cm -B cm/build -DCMAKE_PREFIX_PATH="$t/prefix" >/dev/null && \
    cmake --build cm/build >/dev/null && ok || bad "build with find_package(vnsearch)"
./cm/build/search idx "61/2018/NĐ-CP" | head -1 | grep -qx "3 results" && ok || bad "find_package build runs"

cc -std=c99 search.c -I"$t/prefix/include" "$t/prefix/lib/libvnsearch.a" \
    $(pkg-config --libs icu-uc icu-i18n xapian-core zlib) -lstdc++ -lpthread -o search-static \
    && ok || bad "static link"
./search-static idx "dong nai" | head -1 | grep -q "results$" && ok || bad "static build runs"
./search-static nowhere x 2>err.txt; [ $? -eq 1 ] && grep -q "no index" err.txt \
    && ok || bad "error path: $(cat err.txt)"

finish install
