/* Filters on 全部条目 and the topic pages: topic, type, website, section, has a link.
   The page lists every resource without this file; with it, a form appears in the
   `.kb-filter` box the page provides. The choice is kept in the address (?topic=…&type=…),
   so a filtered list can be shared. No network, no inline script: works from file:// too. */
(function () {
  "use strict";

  var TEXT = {
    "zh-Hans": {
      legend: "筛选", topic: "主题", type: "类型", site: "网站", section: "所在页面",
      any: "全部", linked: "只看有链接的", reset: "清除筛选",
      shown: function (n, all) { return "显示 " + n + " / " + all + " 条资源"; },
      names: function (n, all) { return "，" + n + " / " + all + " 个仅列名称的条目"; }
    },
    "zh-Hant": {
      legend: "篩選", topic: "主題", type: "類型", site: "網站", section: "所在頁面",
      any: "全部", linked: "只看有連結的", reset: "清除篩選",
      shown: function (n, all) { return "顯示 " + n + " / " + all + " 條資源"; },
      names: function (n, all) { return "，" + n + " / " + all + " 個僅列名稱的條目"; }
    }
  };

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
        linked: !/kb-type--name-only/.test(type.className)
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
      })))
    };

    var form = document.createElement("form");
    form.className = "kb-filter__form";
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = text.legend;
    fieldset.appendChild(legend);
    var selects = {};
    ["topic", "type", "site", "section"].forEach(function (name) {
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
    form.appendChild(fieldset);
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
        (!s.link || f.linked);
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

    function apply(remember) {
      var state = read();
      var shownFacts = [];
      facts.forEach(function (f) {
        var ok = matches(f, state);
        f.li.hidden = !ok;
        if (ok) { shownFacts.push(f); }
      });
      var shown = count(shownFacts);
      // Lists, the line introducing link-less names, and headings with nothing left are hidden.
      Array.prototype.forEach.call(article.querySelectorAll("ul"), function (ul) {
        var any = Array.prototype.some.call(ul.children, function (li) { return !li.hidden; });
        var mine = Array.prototype.some.call(ul.children, function (li) { return facts.some(function (f) { return f.li === li; }); });
        if (!mine) { return; }
        ul.hidden = !any;
        var before = ul.previousElementSibling;
        if (before && before.tagName === "P" && !before.querySelector("a")) { before.hidden = !any; }
      });
      var headings = article.querySelectorAll("h2, h3");
      Array.prototype.forEach.call(headings, function (h) {
        var level = h.tagName, next = h.nextElementSibling, any = false, lists = false;
        while (next && !(/^H[1-3]$/.test(next.tagName) && next.tagName <= level)) {
          if (next.tagName === "UL" && Array.prototype.some.call(next.children, function (li) {
            return facts.some(function (f) { return f.li === li; });
          })) { lists = true; if (!next.hidden) { any = true; } }
          next = next.nextElementSibling;
        }
        if (lists) { h.hidden = !any; }
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

    var initial = new URLSearchParams(location.search);
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
