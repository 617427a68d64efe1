#!/usr/bin/env python3
"""corpus4x.py - corpus-vi taken 4 times, for the build's growth (issue 12).

    bench/corpus4x.py OUTDIR [COPIES] [CORPUS_DIR]

Writes OUTDIR/part-NNN-cK.jsonl.gz for every part of the corpus (default
../shared/corpus-vi from the checkout) and copy K = 1..COPIES (default 4).
Copy 1 is the corpus as it is; in copy K > 1 each id gets the suffix "-cK"
and a few words of the body change (every 97th word, counted from an
offset that depends on K, becomes the word 13 places before it), so that
no two copies of an article are the same document and the index's terms
keep the corpus's distribution. Deterministic: the same files every run.

Then, to compare the build of one copy with that of four in one run:

    build/bench/bench_index --jobs 2 OUTDIR/part-*-c1.jsonl.gz
    build/bench/bench_index --jobs 2 'OUTDIR/part-*.jsonl.gz'
"""
import glob
import gzip
import json
import os
import sys


def changed(body, copy):
    words = body.split(' ')
    for i in range(13 + copy, len(words), 97):
        words[i] = words[i - 13]
    return ' '.join(words)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        here, '..', '..', 'shared', 'corpus-vi')
    parts = sorted(glob.glob(os.path.join(corpus, 'part-*.jsonl.gz')))
    if not parts:
        sys.exit('corpus4x: no corpus at %s' % corpus)
    os.makedirs(out, exist_ok=True)
    for part in parts:
        name = os.path.basename(part)[:-len('.jsonl.gz')]
        for copy in range(1, copies + 1):
            dest = os.path.join(out, '%s-c%d.jsonl.gz' % (name, copy))
            with gzip.open(part, 'rt', encoding='utf-8') as src, \
                    gzip.open(dest, 'wt', encoding='utf-8',
                              compresslevel=1) as dst:
                for line in src:
                    if copy > 1:
                        rec = json.loads(line)
                        rec['id'] = '%s-c%d' % (rec['id'], copy)
                        rec['body'] = changed(rec['body'], copy)
                        line = json.dumps(rec, ensure_ascii=False) + '\n'
                    dst.write(line)
        print(name, file=sys.stderr)


if __name__ == '__main__':
    main()
