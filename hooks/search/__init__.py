"""Chinese search that keeps to the script being read and understands both, and English.

One index per script (``search/search_index.json``, ``zh-Hant/search/search_index.json``):
Han runs are cut with jieba and a project dictionary (``vocabulary``), every term is indexed in
both scripts, each page carries its headings and its entries' titles, generated pages are one
result each, ranked below the section pages. The term table (``terms``, ``search_terms.yml``)
adds the English words of the Chinese ones and the reverse, and spaced Latin names are also
indexed run together.

The browser loads the index in parts (``parts``: a manifest with the vocabulary, postings
shards by term, the shown text in chunks per page), only those a query needs, into the
project's worker (``worker``:
lunr from Material's worker, then ``engine.js``, Material's search with the project's query
handling: typos, stop words, Han cuts, spellings); ``loading`` patches Material's bundle (the
manifest loaded on the first use of search, result pages after the tenth asked on scrolling).
Each fails the build naming what changed when a Material upgrade no longer matches.
"""
