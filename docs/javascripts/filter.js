/* Filters on 全部条目 and the topic pages: topic, type, website, section, the year its source
   list first held it (from the entry's date label; "none" for a snapshot without dates), has a link.
   The page lists every resource without this file; with it, a form appears in the
   `.kb-filter` box the page provides, folded into a "筛选" disclosure on a phone and on a topic
   page (open on a wider screen elsewhere, and whenever the address carries a filter). While a filter is on, each group's
   count reads "shown / all" and groups with nothing left disappear, with their link in the
   table of contents. The choice is kept in the address (?topic=…&type=…),
   so a filtered list can be shared. No network, no inline script: works from file:// too. */
(function () {
  "use strict";

  var TEXT = {
    "zh-Hans": {
      legend: "筛选", topic: "主题", type: "类型", site: "网站", section: "所在页面",
      year: "列入年份", undated: "没有列入日期",
      any: "全部", linked: "只看有链接的", reset: "清除筛选",
      shown: function (n, all) { return "显示 " + n + " / " + all + " 条资源"; },
      part: function (n, all) { return "（" + n + " / " + all + "）"; },
      names: function (n, all) { return "，" + n + " / " + all + " 个仅列名称的条目"; }
    },
    "zh-Hant": {
      legend: "篩選", topic: "主題", type: "類型", site: "網站", section: "所在頁面",
      year: "列入年份", undated: "沒有列入日期",
      any: "全部", linked: "只看有連結的", reset: "清除篩選",
      shown: function (n, all) { return "顯示 " + n + " / " + all + " 筆資源"; },
      part: function (n, all) { return "（" + n + " / " + all + "）"; },
      names: function (n, all) { return "，" + n + " / " + all + " 個僅列名稱的條目"; }
    }
  };

  var WIDE = "(min-width: 45em)";  // Material's phone layout ends here

  function start() {
    var box = document.querySelector(".md-content .kb-filter");
    if (!box) { return; }
    var article = box.closest("article") || document.body;
    var items = Array.prototype.filter.call(article.querySelectorAll("li"), function (li) {
      return li.querySelector(":scope > .kb-type");
    });
    if (!items.length) { return; }
    var text = TEXT[document.documentElement.lang === "zh-Hant" ? "zh-Hant" : "zh-Hans"];

    var topicNames = {};  // the sidebar lists every topic page: slug → name
    Array.prototype.forEach.call(document.querySelectorAll(".md-nav a[href]"), function (a) {
      var m = /\/topics\/([a-z0-9-]+)\/(?:index\.html)?$/.exec(a.href.split(/[?#]/)[0]);
      if (m) { topicNames[m[1]] = a.textContent.trim(); }
    });

    var facts = items.map(function (li) {
      var type = li.querySelector(":scope > .kb-type");
      var facets = li.querySelector(":scope > .kb-facets");
      var site = li.querySelector(".kb-site");
      var places = li.querySelectorAll(".kb-where a");
      var title = li.querySelector(":scope > a[href]");
      var listed = li.querySelector(":scope > .kb-date:not(.kb-date--paper)");
      var year = listed && /^\d{4}/.exec(listed.textContent.trim());
      return {
        li: li,
        // one resource per URL, as the page heading counts them (a link-less name is its own)
        key: title && !/kb-type--name-only/.test(type.className) ? title.href : (places.length ? places[0].href : ""),
        type: type.className.replace(/.*kb-type--(\S+).*/, "$1"),
        typeName: type.textContent.trim(),
        topics: facets ? facets.className.split(/\s+/).filter(function (c) { return c.indexOf("kb-f-") === 0; })
          .map(function (c) { return c.slice(5); }) : [],
        site: site ? site.textContent.trim() : "",
        sections: Array.prototype.map.call(places, function (a) { return a.textContent.trim(); }),
        linked: !/kb-type--name-only/.test(type.className),
        year: year ? year[0] : "none"
      };
    });

    function options(values) {
      var seen = {};
      values.forEach(function (pair) { if (pair[0] && !(pair[0] in seen)) { seen[pair[0]] = pair[1]; } });
      return Object.keys(seen).map(function (k) { return [k, seen[k]]; });
    }
    var choices = {
      topic: options([].concat.apply([], facts.map(function (f) {
        return f.topics.map(function (t) { return [t, topicNames[t] || t]; });
      }))).sort(function (a, b) { return a[1].localeCompare(b[1], "zh"); }),
      type: options(facts.map(function (f) { return [f.type, f.typeName]; })),
      site: options(facts.map(function (f) { return [f.site, f.site]; })),
      section: options([].concat.apply([], facts.map(function (f) {
        return f.sections.map(function (s) { return [s, s]; });
      }))),
      year: options(facts.map(function (f) { return [f.year, f.year === "none" ? text.undated : f.year]; }))
        .sort(function (a, b) { return (a[0] === "none") - (b[0] === "none") || b[0].localeCompare(a[0]); })  // newest first, undated last
    };

    var initial = new URLSearchParams(location.search);
    var form = document.createElement("form");
    form.className = "kb-filter__form";
    var fold = document.createElement("details");
    fold.className = "kb-filter__fold";
    var summary = document.createElement("summary");
    summary.textContent = text.legend;
    fold.appendChild(summary);
    // a topic page asks for the form folded (kb-filter--folded): its resources come first
    fold.open = (window.matchMedia(WIDE).matches && !box.classList.contains("kb-filter--folded")) ||
      ["topic", "type", "site", "section", "year", "link"].some(function (k) { return initial.get(k); });
    var fieldset = document.createElement("fieldset");
    fieldset.setAttribute("aria-label", text.legend);
    var selects = {};
    ["topic", "type", "site", "section", "year"].forEach(function (name) {
      if (choices[name].length < 2) { return; }
      var label = document.createElement("label");
      label.className = "kb-filter__field";
      var span = document.createElement("span");
      span.textContent = text[name];
      var select = document.createElement("select");
      select.name = name;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = text.any;
      select.appendChild(any);
      choices[name].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
      label.appendChild(span);
      label.appendChild(select);
      fieldset.appendChild(label);
      selects[name] = select;
    });
    var linkedLabel = document.createElement("label");
    linkedLabel.className = "kb-filter__field kb-filter__check";
    var linked = document.createElement("input");
    linked.type = "checkbox";
    linked.name = "link";
    linkedLabel.appendChild(linked);
    linkedLabel.appendChild(document.createTextNode(" " + text.linked));
    fieldset.appendChild(linkedLabel);
    var reset = document.createElement("button");
    reset.type = "reset";
    reset.className = "kb-filter__reset";
    reset.textContent = text.reset;
    fieldset.appendChild(reset);
    fold.appendChild(fieldset);
    form.appendChild(fold);
    var status = document.createElement("p");
    status.className = "kb-filter__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);
    box.appendChild(form);

    function read() {
      var state = {};
      Object.keys(selects).forEach(function (k) { state[k] = selects[k].value; });
      state.link = linked.checked;
      return state;
    }

    function matches(f, s) {
      return (!s.topic || f.topics.indexOf(s.topic) >= 0) && (!s.type || f.type === s.type) &&
        (!s.site || f.site === s.site) && (!s.section || f.sections.indexOf(s.section) >= 0) &&
        (!s.year || f.year === s.year) && (!s.link || f.linked);
    }

    function count(list) {  // [resources with a link, link-less names], each counted once
      var seen = {}, linkedCount = 0, namesCount = 0;
      list.forEach(function (f) {
        if (f.key in seen) { return; }
        seen[f.key] = true;
        if (f.linked) { linkedCount += 1; } else { namesCount += 1; }
      });
      return [linkedCount, namesCount];
    }
    var totals = count(facts);

    // A group's count ("（27）" after a heading, before a list of names) and the heading's entry
    // in the table of contents, with their texts as the page gave them.
    function counted(el) {
      var n = el && el.querySelector(".kb-n");
      return n ? { el: n, text: n.textContent } : null;
    }
    function tocEntries(h) {  // the table of contents is in the page twice (sidebar, phone drawer)
      var links = h.id ? document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(h.id) + '"]') : [];
      return Array.prototype.map.call(links, function (a) {
        var el = a.querySelector(".md-ellipsis") || a;
        return { li: a.closest("li"), el: el, text: el.textContent.trim() };
      });
    }
    function recount(place, shown, all, filtering) {
      if (!place) { return; }
      place.el.textContent = filtering ? text.part(shown, all) : place.text;
    }
    var listed = new Set(items);
    var isFact = function (li) { return listed.has(li); };
    var headings = Array.prototype.map.call(article.querySelectorAll("h2, h3"), function (h) {
      return { h: h, count: counted(h), toc: tocEntries(h) };
    });

    function apply(remember) {
      var state = read();
      var filtering = ["topic", "type", "site", "section", "year", "link"].some(function (k) { return state[k]; });
      var shownFacts = [];
      facts.forEach(function (f) {
        var ok = matches(f, state);
        f.li.hidden = !ok;
        if (ok) { shownFacts.push(f); }
      });
      var shown = count(shownFacts);
      // Lists, the line introducing link-less names, and headings with nothing left are hidden.
      Array.prototype.forEach.call(article.querySelectorAll("ul"), function (ul) {
        var mine = Array.prototype.filter.call(ul.children, isFact);
        if (!mine.length) { return; }
        var visible = mine.filter(function (li) { return !li.hidden; }).length;
        ul.hidden = !visible;
        var before = ul.previousElementSibling;
        if (before && before.tagName === "P" && !before.querySelector("a")) {
          before.hidden = !visible;
          recount(counted(before), visible, mine.length, filtering);
        }
      });
      headings.forEach(function (g) {
        var h = g.h, level = h.tagName, next = h.nextElementSibling, all = 0, visible = 0;
        while (next && !(/^H[1-3]$/.test(next.tagName) && next.tagName <= level)) {
          if (next.tagName === "UL") {
            Array.prototype.forEach.call(next.children, function (li) {
              if (isFact(li)) { all += 1; if (!li.hidden) { visible += 1; } }
            });
          }
          next = next.nextElementSibling;
        }
        if (!all) { return; }
        h.hidden = !visible;
        recount(g.count, visible, all, filtering);
        g.toc.forEach(function (t) {
          t.li.hidden = !visible;
          if (g.count && t.text.slice(-g.count.text.length) === g.count.text) {
            t.el.textContent = filtering ? t.text.slice(0, -g.count.text.length) + text.part(visible, all) : t.text;
          }
        });
      });
      status.textContent = text.shown(shown[0], totals[0]) + (totals[1] ? text.names(shown[1], totals[1]) : "");
      if (remember) {
        var params = new URLSearchParams();
        Object.keys(state).forEach(function (k) { if (state[k]) { params.set(k, state[k] === true ? "1" : state[k]); } });
        var query = params.toString();
        try {
          history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
        } catch (e) { /* some browsers refuse for file:// pages: the filter still works */ }
      }
    }

    Object.keys(selects).forEach(function (k) {
      var value = initial.get(k);
      if (value && Array.prototype.some.call(selects[k].options, function (o) { return o.value === value; })) {
        selects[k].value = value;
      }
    });
    linked.checked = initial.get("link") === "1";
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
