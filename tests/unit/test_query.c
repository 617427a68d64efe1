/*
 * test_query.c - what queries mean, as text: each query is parsed with a
 * real analyzer and the built-in abbreviations, and its tree (and for
 * some, the words highlighted and the fallback) is compared with the
 * printed form qtree.h describes. Errors: exact offsets and messages.
 */
#include "abbrev.h"
#include "harness.h"
#include "query.h"
#include "vns_internal.h"
#include "vnsearch.h"

#include <stdlib.h>
#include <string.h>

static vns_analyzer *an;
static vns__abbrevs abbrevs;

/* The three lines of --explain for text, or "ERROR" lines. */
static void explain(const char *text, size_t len, char *out, size_t size)
{
    vns__query q;
    memset(&q, 0, sizeof q);
    int rc = vns__query_build(&q, an, &abbrevs, text, len);
    if (rc == VNS_OK)
        snprintf(out, size, "%s", q.explain);
    else
        snprintf(out, size, "ERROR %d at %ld: %s", rc, q.error_offset,
                 vns_errmsg());
    vns__query_clear(&q);
}

/* The tree: the first line of the explanation. */
static void check_tree(const char *text, const char *want)
{
    char got[8192];
    explain(text, strlen(text), got, sizeof got);
    char *nl = strchr(got, '\n');
    CHECK_MEM_EQ(got, nl ? (size_t)(nl - got) : strlen(got), want,
                 strlen(want), text);
}

static void check_explain(const char *text, const char *want)
{
    char got[8192];
    explain(text, strlen(text), got, sizeof got);
    CHECK_MEM_EQ(got, strlen(got), want, strlen(want), text);
}

static void check_error(const char *text, long offset, const char *message)
{
    char want[512], got[512];
    snprintf(want, sizeof want, "ERROR %d at %ld: %s", VNS_EQUERY, offset,
             message);
    explain(text, strlen(text), got, sizeof got);
    CHECK_MEM_EQ(got, strlen(got), want, strlen(want), text);
}

static void words_and_marks(void)
{
    /* Typed without marks: the folded term; with them: the exact one. */
    check_tree("cai cach", "AND(cai, cach)");
    check_tree("cải cách", "AND(E:cải, E:cách)");
    check_tree("bàn giao", "AND(E:bàn, giao)");
    /* Case, đ, tone placement and Unicode form do not matter. */
    check_tree("HÀ NỘI", "AND(E:hà, E:nội)");
    check_tree("Hà Nội", "AND(E:hà, E:nội)");
    check_tree("đ Đ đồng ĐỒNG dong", "AND(E:đ, E:đ, E:đồng, E:đồng, dong)");
    check_tree("hoà giải", "AND(E:hòa, E:giải)");
    check_tree("hòa giải", "AND(E:hòa, E:giải)");
    check_tree("thuỷ lợi", "AND(E:thủy, E:lợi)");
    check_tree("thủy lợi", "AND(E:thủy, E:lợi)");
    check_tree("ho\xCC\x80" "a gia\xCC\x89i", "AND(E:hòa, E:giải)");
    check_tree("quốc", "E:quốc");
    /* Punctuation is no word. */
    check_tree(", cải ; cách !", "AND(E:cải, E:cách)");
}

static void syntax(void)
{
    check_tree("\"cải cách\" hành", "AND(\"E:cải E:cách\", E:hành)");
    check_tree("\"dong nai\"", "\"dong nai\"");
    check_tree("tỉnh -kế", "AND(E:tỉnh, NOT(E:kế))");
    check_tree("bàn OR bán", "OR(E:bàn, E:bán)");
    check_tree("(bàn OR bán) đất", "AND(OR(E:bàn, E:bán), E:đất)");
    check_tree("cải (cách hành) chính",
               "AND(E:cải, AND(E:cách, E:hành), E:chính)");
    check_tree("a OR (b c) OR -d e", "OR(a, AND(b, c), AND(NOT(d), e))");
    check_tree("title:cải", "S:E:cải");
    check_tree("title:hoà", "S:E:hòa");
    check_tree("title:cai cach", "AND(S:cai, cach)");
    /* - and title: apply to a "phrase" and - to a (group) too, as the
     * query language says (0.1 read them as punctuation, then the
     * phrase or group, required). */
    check_tree("title:\"Hà Nội\"", "S:\"E:hà E:nội\"");
    check_tree("tỉnh -\"Đồng Nai\"", "AND(E:tỉnh, NOT(\"E:đồng nai\"))");
    check_tree("a -(b -c)", "AND(a, NOT(AND(b, NOT(c))))");
    check_tree("- a", "a");
    check_tree("a -) b", "AND(a, b)");
    check_tree("x title:(a b)", "ERROR -12 at 2: query, byte 2: title: "
               "takes a word or a \"phrase\", not parentheses");
}

static void compounds_and_abbreviations(void)
{
    check_tree("61/2018/NĐ-CP", "COMPOUND(E:61/2018/nđ-cp, "
                                "\"61 2018 E:nđ cp\")");
    check_tree("61/2018/nd-cp", "COMPOUND(61/2018/nd-cp, \"61 2018 nd cp\")");
    check_tree("title:61/2018/NĐ-CP", "COMPOUND(S:E:61/2018/nđ-cp, "
                                      "S:\"61 2018 E:nđ cp\")");
    check_tree("NĐ-CP", "COMPOUND(ABBR(E:nđ-cp, \"nghi dinh chinh phu\"), "
                        "\"E:nđ cp\")");
    check_tree("QĐ-UBND", "COMPOUND(ABBR(E:qđ-ubnd, \"quyet dinh uy ban "
                          "nhan dan\"), \"E:qđ ubnd\")");
    check_tree("hành.chính", "COMPOUND(E:hành.chính, \"E:hành E:chính\")");
    check_tree("UBND", "ABBR(ubnd, \"uy ban nhan dan\")");
    check_tree("TTHC OR \"một cửa\"", "OR(ABBR(tthc, \"thu tuc hanh chinh\"), "
                                      "\"E:một E:cửa\")");
    check_tree("ủy ban nhân dân Bắc Ninh",
               "AND(SPELLED(E:ủy, ban, E:nhân, E:dân, =ubnd), E:bắc, ninh)");
    check_tree("uy ban nhan dan bac ninh",
               "AND(SPELLED(uy, ban, nhan, dan, =ubnd), bac, ninh)");
    check_tree("Ủy Ban Nhân Dân", "SPELLED(E:ủy, ban, E:nhân, E:dân, =ubnd)");
    /* An excluded word breaks the run. */
    check_tree("ủy ban -nhân dân", "AND(E:ủy, ban, NOT(E:nhân), E:dân)");
    check_tree("cai cach hanh chinh",
               "SPELLED(cai, cach, hanh, chinh, =cchc)");
}

static void plans(void)
{
    check_explain("cải cách", "AND(E:cải, E:cách)\n"
                              "highlight: E:cải E:cách\n"
                              "fallback: cai cach\n");
    check_explain("tỉnh -kế", "AND(E:tỉnh, NOT(E:kế))\n"
                              "highlight: E:tỉnh E:kế\n"
                              "fallback: tinh less E:kế\n");
    check_explain("UBND", "ABBR(ubnd, \"uy ban nhan dan\")\n"
                          "highlight: ubnd uy ban nhan dan\n"
                          "fallback: ubnd\n");
    /* The words of a spelled expansion are highlighted again, then the
     * abbreviation; the fallback has the words typed. */
    check_explain("ủy ban nhân dân tỉnh",
                  "AND(SPELLED(E:ủy, ban, E:nhân, E:dân, =ubnd), E:tỉnh)\n"
                  "highlight: E:ủy ban E:nhân E:dân E:tỉnh E:ủy ban "
                  "E:nhân E:dân ubnd\n"
                  "fallback: uy ban nhan dan tinh\n");
    /* A compound falls back on itself, not on its parts. */
    check_explain("61/2018/NĐ-CP",
                  "COMPOUND(E:61/2018/nđ-cp, \"61 2018 E:nđ cp\")\n"
                  "highlight: E:61/2018/nđ-cp 61 2018 E:nđ cp\n"
                  "fallback: 61/2018/nd-cp\n");
    /* Excluded items of inner groups come first. */
    check_explain("a OR (b c) OR -d e",
                  "OR(a, AND(b, c), AND(NOT(d), e))\n"
                  "highlight: a b c d e\n"
                  "fallback: a b c e less d\n");
}

/* What people paste or leave unbalanced is read as they meant it. */
static void lenient(void)
{
    check_tree("\"a b", "\"a b\"");
    check_tree("cải \"cách hành", "AND(E:cải, \"E:cách E:hành\")");
    check_tree("(a b", "AND(a, b)");
    check_tree("((a OR b) c", "AND(OR(a, b), c)");
    check_tree("a ) b", "AND(a, b)");
    check_tree(")) a (b))", "AND(a, b)");
    /* Curly, low and angle quotes are phrase quotes, mixed or not. */
    check_tree("\xE2\x80\x9C" "giải phóng mặt bằng" "\xE2\x80\x9D",
               "\"E:giải E:phóng E:mặt E:bằng\"");
    check_tree("\xE2\x80\x9E" "tiếp công dân" "\xE2\x80\x9C" " Hà Nội",
               "AND(\"E:tiếp E:công E:dân\", E:hà, E:nội)");
    check_tree("\xC2\xAB" "một cửa" "\xC2\xBB" " -\xE2\x80\x9C" "Bắc Ninh\"",
               "AND(\"E:một E:cửa\", NOT(\"E:bắc ninh\"))");
    check_tree("UBND\xE2\x80\x9C" "tỉnh",
               "AND(ABBR(ubnd, \"uy ban nhan dan\"), \"E:tỉnh\")");
}

static void errors(void)
{
    char big[VNS_QUERY_MAX_BYTES + 2], line[4096];
    size_t n = 0;

    check_error("", 0, "query, byte 0: nothing to search for");
    check_error("   ", 0, "query, byte 0: nothing to search for");
    check_error(", ; !", 0, "query, byte 0: nothing to search for");
    check_error("a OR", 4, "query, byte 4: OR needs a word on each side");
    check_error("OR a", 0, "query, byte 0: OR needs a word on each side");
    check_error("a OR OR b", 5, "query, byte 5: OR needs a word on each side");
    check_error("-a -b", 0, "query, byte 0: only excluded words: nothing "
                            "to search for");
    check_error("x (-a -b)", 3, "query, byte 3: only excluded words: "
                                "nothing to search for");
    /* Over the limits a pasted text meets, the query is searched as a
     * passage (its words, most of them first), not refused. */
    check_tree("a.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b", "PASSAGE");
    check_explain("x \"Y y y y y y y y y y y y y y y y Ý\"",
                  "PASSAGE\n"
                  "highlight: x y y y y y y y y y y y y y y y y E:ý\n"
                  "fallback: x y y y y y y y y y y y y y y y y y\n");
    memset(line, '(', 33);
    line[33] = 'a';
    memset(line + 34, ')', 33);
    line[67] = '\0';
    check_error(line, 32, "query, byte 32: parentheses nested too deeply");
    line[0] = line[66] = ' '; /* 32 deep is fine */
    check_tree(line, "a");
    for (int i = 0; i < 65; i++)
        n += (size_t)sprintf(line + n, "%sa", i ? " " : "");
    check_tree(line, "PASSAGE");
    n = 0;
    for (int i = 0; i < 65; i++)
        n += (size_t)sprintf(line + n, "%sa", i ? " OR " : "");
    check_error(line, 319, "query, byte 319: more than 64 alternatives");
    n = 0;
    for (int i = 0; i < 17; i++)
        n += (size_t)sprintf(line + n, "%s(UBND ủy ban nhân dân title:cải)",
                             i ? " " : "");
    check_tree(line, "PASSAGE");
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    check_error(big, VNS_QUERY_MAX_BYTES,
                "query of 4097 bytes: the limit is 4096");
}

int main(void)
{
    if (vns_analyzer_new(&an) != VNS_OK ||
        vns__abbrevs_add_default(&abbrevs, an) != VNS_OK) {
        printf("FAIL: no analyzer: %s\n", vns_errmsg());
        return 1;
    }
    words_and_marks();
    syntax();
    compounds_and_abbreviations();
    plans();
    lenient();
    errors();
    vns__abbrevs_free(&abbrevs);
    vns_analyzer_free(an);
    return harness_done("test_query");
}
