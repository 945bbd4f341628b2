"""One corpus, one dataset: near-duplicate clusters, merged count facts, document citations, series.

A province's press repeats itself: the provincial paper, the party site and aggregators run
the same article, and the same figure or directive is reported again and again. This room
keeps a persistent *corpus state* over records (``extractor extract`` output) that knows which
reports are one:

1. **Clusters** — every article's text is cut into word shingles (:data:`SHINGLE_SIZE`
   syllables), sketched with a datasketch ``MinHash`` and looked up in a ``MinHashLSH``
   index; a candidate whose estimated Jaccard similarity reaches the threshold joins the
   article's cluster (union-find). Each cluster has a canonical member: the earliest
   published, else the longest text.
2. **Facts** — every count becomes evidence keyed by place (code, else normalised name and
   level), counted thing, category, field and period (``as_of``, else the article's date);
   evidence with compatible values (exact 2011 and ``hơn 2.000``) merges into one fact,
   incompatible values (2011 and 1980) stay apart and are flagged as a conflict naming both.
3. **Citations** — every numbered document with a sign is one citation; one row per distinct
   document (sign, scope, issue date) with the articles citing it and the first and last
   citation dates; one sign cited with different issue dates is flagged.
4. **Series** — the facts of one place over time, each point with its evidence, drawn as SVG.

The state lives in a folder (:class:`CorpusState`): append-only files for articles,
signatures, count evidence and citations, plus a small union-find array and ``meta.json``
written last, so adding N records costs O(N) sketching and a crash never corrupts what was
saved. Facts and citation rows are derived from the stored evidence when asked for.
"""

#: Estimated Jaccard similarity from which two articles are one cluster. An article
#: truncated to 80 % keeps J ≈ 0.8 with its original; a new header and a credit line cost
#: a few shingles. 0.5 keeps copies down to about half the original while unrelated
#: articles of the same movement stay below 0.1 (docs/corpus.md gives precision/recall).
#: Here, not in ``state``, so that the CLI's options do not import numpy.
DEFAULT_THRESHOLD = 0.5
