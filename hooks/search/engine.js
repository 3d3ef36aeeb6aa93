/* The site's search worker: Material's search (lunr, Material's tokenizer, highlighting, result
 * groups) over an index split into parts that are loaded as a query needs them
 * (hooks/search/parts.py writes them, hooks/search/worker.py puts this file after lunr).
 *
 * It speaks Material's worker protocol: SETUP {config (with parts), docs: []} → READY, QUERY text →
 * RESULT {items, suggest}, and one message more: the result pages after the first ten come as
 * placeholders ({more: [query, group]}), and MORE {id, groups: placeholders} → SHOWN {id,
 * groups} gives them when the reader scrolls to them (the bundle asks, hooks/search/loading.py). On a query it expands the query's terms over the vocabulary
 * (lunr.TokenSet: prefixes, typos), loads the postings shards of the terms found
 * (fetched in parallel online, importScripts from file://), scores with lunr.Index.query, then loads the shown text of the listed
 * results only. Answers go out in the order the queries came in. Parts once loaded stay.
 *
 * Material's query handling, with the project's changes (see the comments marked "project"):
 * Han runs cut against the vocabulary including their last character and joined as separate
 * terms; a term found whole boosted (^10) above a longer term it begins (*); typos forgiven
 * in Latin terms of five letters (~1) and nine (~2); English stop words dropped when other
 * terms remain; a hyphen ending a word dropped; no search-time pipeline (the index has none);
 * a result's terms include the index terms it matched and their spellings in this script
 * (config.forms), so the page opened highlights them; a page listed only for its sections
 * carries the best section's terms.
 *
 * The tokenizer, highlighting, post-query boosts and result grouping are ported from Material
 * for MkDocs (src/templates/assets/javascripts/integrations/search/), under its licence:
 *
 * Copyright (c) 2016-2025 Martin Donath <martin.donath@squidfunk.com>
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to
 * deal in the Software without restriction, including without limitation the
 * rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
 * sell copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NON-INFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
 * FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
 * IN THE SOFTWARE.
 */
(function () {
  "use strict"

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const MORE = 4, SHOWN = 5  /* the project's: placeholders in, their groups out */
  const EXACT_BOOST = 10, FUZZY_ONE = 5, FUZZY_TWO = 9
  const SHOWN_GROUPS = 10  /* result pages answered whole: Material shows ten, then more on scrolling */
  const K1 = 1.2           /* lunr's BM25 constants; Material's worker sets b to 0 */

  const lunr = self.lunr

  /* lunr.Index.query makes a lunr.Set of the documents of every expanded term and field, used
   * only by a required (+) or prohibited (-) clause: build each set's lookup on first use */
  const EagerSet = lunr.Set
  function LazySet(elements) {
    this.list = elements || []
    this.length = this.list.length
  }
  LazySet.prototype = Object.create(EagerSet.prototype)
  Object.defineProperty(LazySet.prototype, "elements", {
    get() {
      const elements = Object.create(null)
      for (const element of this.list) elements[element] = true
      Object.defineProperty(this, "elements", { value: elements })
      return elements
    }
  })
  LazySet.complete = EagerSet.complete
  LazySet.empty = EagerSet.empty
  lunr.Set = LazySet
  let search = null
  let queue = Promise.resolve()

  const shardsLoaded = new Map()   /* shard number → {terms: postings, forms: spellings} */
  const chunksLoaded = new Map()   /* chunk number → [[doc, location, title, text], …] */
  self.__kbPart = (n, terms, forms) => { shardsLoaded.set(n, { terms, forms }) }
  self.__kbDocs = (n, docs) => { chunksLoaded.set(n, docs) }

  /* [value, count, value, count, …] → the values */
  function unrun(runs) {
    const out = []
    for (let k = 0; k < runs.length; k += 2)
      for (let c = 0; c < runs[k + 1]; c++) out.push(runs[k])
    return out
  }

  /* -------------------------------------------------------------- Material's tokenizer */

  function split(input, separator, fn) {
    separator = new RegExp(separator, "g")
    let match, index = 0
    do {
      match = separator.exec(input)
      const until = match ? match.index : input.length
      if (index < until) fn(index, until)
      if (match) {
        index = match.index + match[0].length
        if (match[0].length === 0) separator.lastIndex = match.index + 1
      }
    } while (match)
  }

  function extract(input, fn) {
    let block = 0, start = 0, end = 0
    for (let stack = 0; end < input.length; end++) {
      if (input.charAt(end) === "<" && end > start) {
        fn(block, 1, start, start = end)
      } else if (input.charAt(end) === ">") {
        if (input.charAt(start + 1) === "/") {
          if (--stack === 0) fn(block++, 2, start, end + 1)
        } else if (input.charAt(end - 1) !== "/") {
          if (stack++ === 0) fn(block, 0, start, end + 1)
        }
        start = end + 1
      }
    }
    if (end > start) fn(block, 1, start, end)
  }

  /* Tokens of a shown field: [term, position] each, and the position table of the text */
  function tokenize(input, separator) {
    const table = [], tokens = []
    extract(input, (block, type, start, end) => {
      table[block] ||= []
      if (type !== 1) {
        table[block].push(start << 12 | end - start << 2 | type)
        return
      }
      const section = input.slice(start, end)
      split(section, separator, (index, until) => {
        table[block].push(start + index << 12 | until - index << 2 | type)
        tokens.push([section.slice(index, until).toLowerCase(), block << 20 | table[block].length - 1])
      })
    })
    return { table, tokens }
  }

  function highlight(input, table, positions, full) {
    let cursor = 0
    const blocks = new Map()
    for (const p of positions.sort((a, b) => a - b)) {
      const block = p >>> 20
      if (!blocks.has(block)) blocks.set(block, [])
      blocks.get(block).push(p & 0xFFFFF)
    }
    if (blocks.size === 0) return input
    const slices = []
    for (const [block, indexes] of blocks) {
      const t = table[block]
      const start = t[0] >>> 12
      const end = t[t.length - 1] >>> 12
      const length = t[t.length - 1] >>> 2 & 0x3FF
      if (full && start > cursor) slices.push(input.slice(cursor, start))
      let slice = input.slice(start, end + length)
      for (const j of indexes.sort((a, b) => b - a)) {
        const p = (t[j] >>> 12) - start
        const q = (t[j] >>> 2 & 0x3FF) + p
        slice = [slice.slice(0, p), "<mark>", slice.slice(p, q), "</mark>", slice.slice(q)].join("")
      }
      cursor = end + length
      if (slices.push(slice) === 2) break
    }
    if (full && cursor < input.length) slices.push(input.slice(cursor))
    return slices.join("")
  }

  /* -------------------------------------------------------------- Material's query handling */

  /* Cuts of a Han run into terms of the index (project: up to and with its last character) */
  function segment(query, has) {
    const segments = new Set()
    const wordcuts = new Uint16Array(query.length)
    for (let i = 0; i < query.length; i++)
      for (let j = i + 1; j <= query.length; j++)
        if (has(query.slice(i, j))) wordcuts[i] = j - i
    const stack = [0]
    for (let s = stack.length; s > 0;) {
      const p = stack[--s]
      for (let q = 1; q < wordcuts[p]; q++)
        if (wordcuts[p + q] > wordcuts[p] - q) {
          segments.add(query.slice(p, p + q))
          stack[s++] = p + q
        }
      const q = p + wordcuts[p]
      if (wordcuts[q] && q < query.length) stack[s++] = q
      segments.add(query.slice(p, q))
    }
    if (segments.has("")) return new Set([query])
    return segments
  }

  function transform(query, fn, stopWords) {
    const stop = stopWords.length ? new RegExp(`^(?:${stopWords.join("|")})$`, "i") : null
    return query
      .trim()
      .split(/"([^"]+)"/g)
      .map((parts, index) => index & 1 ? parts.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : parts)
      .join("")
      /* project: a hyphen ending a word is dropped too */
      .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)|-+(?=\s|$)/g, "")
      .split(/\s+/g)
      .reduce((prev, term) => {
        const next = fn(term)
        return [...prev, ...Array.isArray(next) ? next : [next]]
      }, [])
      .map(term => /([~^]$)/.test(term) ? `${term}1` : term)
      /* project: whole (boosted), as a prefix, and with typos; stop words dropped */
      .map((term, _, all) => {
        if (/(^[+-]|[~^]\d+$)/.test(term)) return term
        if (stop && all.length > 1 && stop.test(term)) return ""
        const fuzzy = new RegExp(`^[a-z][a-z0-9]{${FUZZY_ONE - 1},}$`, "i").test(term)
          ? ` ${term}~${term.length >= FUZZY_TWO ? 2 : 1}` : ""
        return `${term}^${EXACT_BOOST} ${term}*${fuzzy}`
      })
      .join(" ")
  }

  function transformSearchQuery(query, separator, stopWords) {
    return transform(query, part => {
      const terms = []
      const lexer = new lunr.QueryLexer(part)
      lexer.run()
      for (const { type, str: term, start, end } of lexer.lexemes)
        switch (type) {
          case "FIELD":
            if (!["title", "text", "tags"].includes(term))
              part = [part.slice(0, end), " ", part.slice(end + 1)].join("")
            break
          case "TERM":
            split(term, separator, (...range) => {
              terms.push([part.slice(0, start), term.slice(...range), part.slice(end)].join(""))
            })
        }
      return terms
    }, stopWords)
  }

  function parseSearchQuery(value) {
    const query = new lunr.Query(["title", "text", "tags"])
    new lunr.QueryParser(value, query).parse()
    for (const clause of query.clauses) {
      clause.usePipeline = true
      if (clause.term.startsWith("*")) {
        clause.wildcard = lunr.Query.wildcard.LEADING
        clause.term = clause.term.slice(1)
      }
      if (clause.term.endsWith("*")) {
        clause.wildcard = lunr.Query.wildcard.TRAILING
        clause.term = clause.term.slice(0, -1)
      }
    }
    return query.clauses
  }

  function getSearchQueryTerms(query, terms) {
    const clauses = new Set(query)
    const result = {}
    for (let t = 0; t < terms.length; t++)
      for (const clause of clauses)
        if (terms[t].startsWith(clause.term)) {
          result[clause.term] = true
          clauses.delete(clause)
        }
    for (const clause of clauses)
      if (lunr.stopWordFilter?.(clause.term)) result[clause.term] = false
    return result
  }

  /* -------------------------------------------------------------- the index in parts */

  /* Load part files: over http(s) fetched side by side and read as the JSON call they are
   * (no eval: the site's CSP has none), from file:// with importScripts (the shim's, a Promise) */
  const CALL = /^(__kbPart|__kbDocs)\((\d+),([\s\S]*)\);\s*$/
  async function load(urls) {
    if (!urls.length) return
    if (typeof fetch !== "function" || !/^https?:/.test(urls[0])) return importScripts(...urls)
    const texts = await Promise.all(urls.map(url => fetch(url).then(response => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`)
      return response.text()
    })))
    for (const text of texts) {
      const [, name, n, args] = CALL.exec(text)
      self[name](+n, ...JSON.parse(`[${args}]`))
    }
  }

  class Search {
    constructor({ config, options }) {
      const parts = config.parts
      this.config = config
      this.options = options || {}
      this.parts = parts
      this.base = parts.base
      this.separator = new RegExp(config.separator)
      this.stopWords = config.stop_words || []
      this.forms = { ...config.forms }   /* and each shard's, as it loads */
      this.parents = unrun(parts.parents)
      this.chunkOf = unrun(parts.chunks)
      this.fields = Object.keys(config.fields)
      this.termNumber = new Map(parts.terms.map((term, i) => [term, i]))  /* lunr's term index */
      const sorted = [...parts.terms].sort()
      this.sortedNumber = new Map(sorted.map((term, i) => [term, i]))     /* shards are sorted ranges */
      this.invertedIndex = Object.create(null)
      this.fieldVectors = Object.create(null)
      this.added = new Set()   /* shards whose terms are in the index */
      this.queries = 0         /* queries answered */
      this.last = null         /* the last query's result groups */
      this.shown = new Map()   /* document number → {location, title, text, parent} */
      this.tables = new Map()  /* "doc:field" → tokenized shown field */
      this.index = new lunr.Index({
        invertedIndex: this.invertedIndex,
        fieldVectors: this.fieldVectors,
        tokenSet: lunr.TokenSet.fromArray(sorted),
        fields: this.fields,
        pipeline: new lunr.Pipeline()
      })
    }

    /* The number of the part (shard or chunk) holding item i, from the parts' first items */
    static partOf(starts, i) {
      let lo = 0, hi = starts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= i) lo = mid
        else hi = mid - 1
      }
      return lo
    }

    /* The index terms a query reaches, as lunr.Index.query expands its clauses (and the
     * title clauses of the suggestions) over the vocabulary */
    expand(query, suggest) {
      const q = new lunr.Query(this.fields)
      new lunr.QueryParser(query, q).parse()
      for (const clause of suggest)
        q.term(clause.term, { fields: ["title"], wildcard: lunr.Query.wildcard.TRAILING })
      const found = new Set()
      for (const clause of q.clauses)
        for (const term of this.index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray())
          found.add(term)
      return found
    }

    /* Load the postings of these terms and add them to the index (lunr's weights) */
    async loadTerms(terms) {
      const shards = new Set()
      for (const term of terms) {
        const i = this.sortedNumber.get(term)
        if (i !== undefined && !(term in this.invertedIndex)) shards.add(Search.partOf(this.parts.shards, i))
      }
      const missing = [...shards].filter(n => !shardsLoaded.has(n))
      await load(missing.map(n => `${this.base}t${n}.js`))
      for (const n of shards) this.addShard(n)
    }

    addShard(n) {
      const loaded = shardsLoaded.get(n)
      if (!loaded || this.added.has(n)) return
      this.added.add(n)
      Object.assign(this.forms, loaded.forms)
      const raw = loaded.terms
      const count = this.parts.count, boosts = this.parts.boosts
      for (const [term, byField] of Object.entries(raw)) {
        const termIndex = this.termNumber.get(term)
        const posting = { _index: termIndex }
        for (const field of this.fields) posting[field] = Object.create(null)
        let withTerm = 0
        for (const [, ...pairs] of byField) withTerm += pairs.length / 2
        /* lunr.idf */
        const x = (count - withTerm + 0.5) / (withTerm + 0.5)
        const idf = Math.log(1 + Math.abs(x))
        for (const [f, ...pairs] of byField) {
          const field = this.fields[f]
          const fieldBoost = this.config.fields[field].boost || 1
          for (let k = 0, doc = 0; k < pairs.length; k += 2) {
            doc += pairs[k]
            const tf = pairs[k + 1]
            posting[field][doc] = {}
            /* lunr.Builder.createFieldVectors, with b = 0 */
            let score = idf * ((K1 + 1) * tf) / (K1 * (1 - 0 + 0) + tf)
            score *= fieldBoost
            score *= boosts[doc] || 1
            const ref = `${field}/${doc}`
            const vector = this.fieldVectors[ref] ||= new lunr.Vector()
            vector.insert(termIndex, Math.round(score * 1000) / 1000)
          }
        }
        this.invertedIndex[term] = posting
      }
    }

    /* Load the shown text of these documents */
    async loadDocs(numbers) {
      const chunks = new Set(numbers.map(i => this.chunkOf[i]))
      const missing = [...chunks].filter(n => !chunksLoaded.has(n))
      await load(missing.map(n => `${this.base}d${n}.js`))
      for (const n of chunks)
        for (const [i, location, title, text] of chunksLoaded.get(n))
          if (!this.shown.has(i)) this.shown.set(i, { location, title, text })
      for (const i of numbers) {
        const doc = this.shown.get(i), parent = this.parents[i]
        if (parent >= 0 && this.shown.has(parent)) doc.parent = this.shown.get(parent)
      }
    }

    /* The page document of a document (itself for a page) */
    pageOf(i) {
      const parent = this.parents[i]
      return parent < 0 ? i : parent
    }

    highlightField(i, field, doc, terms) {
      const key = `${i}:${field}`
      if (!this.tables.has(key)) this.tables.set(key, tokenize(doc[field], this.separator))
      const { table, tokens } = this.tables.get(key)
      const positions = tokens.filter(([term]) => terms.has(term)).map(([, p]) => p)
      return positions.length ? highlight(doc[field], table, positions, field !== "text") : doc[field]
    }

    /* Result groups as Material shows them: shown text, matches highlighted */
    async render(groups) {
      await this.loadDocs(groups.flat().map(item => item.i))
      return groups.map(group => group.map(({ i, score, terms, matchData }) => {
        const doc = { ...this.shown.get(i) }
        if (matchData)
          for (const field of ["title", "text"]) {
            const matched = new Set(Object.entries(matchData.metadata)
              .filter(([, fields]) => field in fields).map(([term]) => term))
            if (matched.size && typeof doc[field] === "string")
              doc[field] = this.highlightField(i, field, doc, matched)
          }
        return { ...doc, score, terms }
      }))
    }

    /* The groups of placeholders [query, group], if of the last query */
    async more(wanted) {
      const groups = wanted.filter(([query]) => this.last && query === this.last.query)
        .map(([, k]) => this.last.groups[k]).filter(Boolean)
      return this.render(groups)
    }

    async search(query) {
      const has = value => this.termNumber.has(value)
      /* project: Han runs cut into separate terms, the last character included */
      query = query.replace(/\p{sc=Han}+/gu, value => " " + [...segment(value, has)].join(" ") + " ")
      query = transformSearchQuery(query, this.separator, this.stopWords)
      if (!query) return { items: [] }
      const clauses = parseSearchQuery(query).filter(c => c.presence !== lunr.Query.presence.PROHIBITED)
      await this.loadTerms(this.expand(query, this.options.suggest ? clauses : []))

      /* Score, then Material's post-query boosts (needing no shown text) */
      const items = []
      const seen = new Map()  /* the matched terms, in order → their terms and share (many results match alike) */
      for (const { ref, score, matchData } of this.index.search(query)) {
        const i = +ref
        const found = Object.keys(matchData.metadata)
        const key = found.join("\n")
        if (!seen.has(key)) {
          const terms = getSearchQueryTerms(clauses, found)
          const share = Object.values(terms).filter(t => t).length / Object.keys(terms).length
          /* project: the index terms matched that no query term begins, and this script's spellings */
          const all = Object.assign({}, terms,
            ...found.filter(m => !Object.keys(terms).some(q => m.startsWith(q))).map(m => ({ [m]: true })))
          for (const k of Object.keys(all))
            if (all[k]) for (const w of (this.forms[k] || "").split(" ")) if (w) all[w] = true
          seen.set(key, { share, all })
        }
        const { share, all } = seen.get(key)
        const boost = +(this.parents[i] >= 0 ? 0 : 1) + share
        items.push({ i, score: score * (1 + boost ** 2), terms: all, matchData })
      }
      items.sort((a, b) => b.score - a.score)
      const groups = new Map()
      for (const item of items) {
        const page = this.pageOf(item.i)
        if (!groups.has(page)) groups.set(page, [])
        groups.get(page).push(item)
      }
      for (const [page, group] of groups)
        if (!group.find(item => item.i === page))
          group.push({ i: page, score: 0, terms: group[0].terms, matchData: null })

      /* The shown text of the pages listed first; the others as placeholders, shown when the
       * reader scrolls to them (MORE, asked by the bundle: loading.py) */
      const listed = [...groups.values()]
      this.last = { query: ++this.queries, groups: listed }
      const result = [
        ...await this.render(listed.slice(0, SHOWN_GROUPS)),
        ...listed.slice(SHOWN_GROUPS).map((group, k) => [{
          location: "", title: "", text: "", score: group[0].score, terms: {},
          more: [this.queries, SHOWN_GROUPS + k]
        }])
      ]

      let suggest
      if (this.options.suggest) {
        const titles = this.index.query(builder => {
          for (const clause of clauses)
            builder.term(clause.term, {
              fields: ["title"],
              presence: lunr.Query.presence.REQUIRED,
              wildcard: lunr.Query.wildcard.TRAILING
            })
        })
        suggest = titles.length ? Object.keys(titles[0].matchData.metadata) : []
      }
      return { items: result, ...(suggest !== undefined && { suggest }) }
    }
  }

  async function handle(message) {
    switch (message.type) {
      case SETUP:
        search = new Search(message.data)
        return { type: READY }
      case QUERY:
        try {
          return { type: RESULT, data: await search.search(message.data) }
        } catch (err) {
          console.warn(`Invalid query: ${message.data}`)
          console.warn(err)
          return { type: RESULT, data: { items: [] } }
        }
      case MORE:
        return { type: SHOWN, data: { id: message.data.id, groups: await search.more(message.data.groups) } }
      default:
        throw new TypeError("Invalid message type")
    }
  }

  addEventListener("message", ev => {
    queue = queue.then(() => handle(ev.data)).then(answer => postMessage(answer))
  })
})()
