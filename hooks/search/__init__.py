"""Chinese search that keeps to the script being read and understands both.

One index per script (``search/search_index.json``, ``zh-Hant/search/search_index.json``):
Han runs are cut with jieba and a project dictionary (``vocabulary``), every term is indexed in
both scripts, each page carries its headings and its entries' titles, generated pages are one
result each, ranked below the section pages. ``worker`` patches Material's search worker after
the build, and fails the build naming what changed when a Material upgrade no longer matches.
"""
