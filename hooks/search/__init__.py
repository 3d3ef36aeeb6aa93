"""Chinese search that keeps to the script being read and understands both, and English.

One index per script (``search/search_index.json``, ``zh-Hant/search/search_index.json``):
Han runs are cut with jieba and a project dictionary (``vocabulary``), every term is indexed in
both scripts, each page carries its headings and its entries' titles, generated pages are one
result each, ranked below the section pages. The term table (``terms``, ``search_terms.yml``)
adds the English words of the Chinese ones and the reverse, and spaced Latin names are also
indexed run together. ``worker`` patches Material's search worker (typos, stop words, the same
pipeline for queries as for the index) and ``loading`` its bundle (the index is downloaded on
the first use of search) after the build; each fails the build naming what changed when a
Material upgrade no longer matches.
"""
