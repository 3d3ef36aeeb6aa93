/* The script switcher (简体中文 / 繁體中文 in the header) keeps the reader's place: the page in
   the other script opens with the same query string (the filters of filter.js), the same
   anchor and the same scroll position.
   Heading ids differ between the scripts (an id is made from the heading's converted text), but
   both editions of a page hold the same elements with ids, in the same order. So a place is
   written down as positions among those elements: the anchor's, and that of the element
   nearest the top of the window with its distance from it. The place travels in
   sessionStorage, for the counterpart page only, and is used once. No network, no inline
   script: works from file:// too. */
(function () {
  "use strict";

  var KEY = "kb-script-switch";
  var QUIET = 500;  // ms without a layout change after load: the page has settled
  var LONGEST = 5000;  // ms after load: settled whatever happens
  var SWITCH = "a.md-select__link[hreflang]";

  /* Elements with ids in the article, in document order (not the filter form's own). */
  function landmarks() {
    var article = document.querySelector(".md-content article");
    if (!article) { return []; }
    return Array.prototype.filter.call(article.querySelectorAll("[id]"), function (el) {
      return !el.closest(".kb-filter");
    });
  }

  /* Bottom of the sticky header: the top of what the reader sees. */
  function viewTop() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  function path(url) {
    return new URL(url, location.href).pathname.replace(/\/index\.html$/, "/");
  }

  /* True when two paths are the same page in two scripts: equal once the language folders of
     the switcher's links (zh-Hant/) are taken out. */
  function counterparts(a, b) {
    var folders = Array.prototype.map.call(document.querySelectorAll(SWITCH), function (link) {
      return "/" + link.getAttribute("hreflang") + "/";
    });
    function plain(p) {
      folders.forEach(function (folder) { p = p.replace(folder, "/"); });
      return p;
    }
    return plain(a) === plain(b);
  }

  function currentAnchor(marks) {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return -1; }
    return id ? marks.indexOf(document.getElementById(id)) : -1;
  }

  /* The reader's place on this page: the heading nearest the top in the upper half of the
     window (what a reader finds their way by; the text around entries wraps differently in the
     two scripts), else the element nearest the top. */
  function place() {
    var marks = landmarks();
    var top = viewTop();
    var half = top + (window.innerHeight - top) / 2;
    var nearest = -1, distance = Infinity, offset = 0, heading = false;
    marks.forEach(function (el, i) {
      if (!el.getClientRects().length) { return; }  // hidden (a filtered-out entry)
      var y = el.getBoundingClientRect().top;
      var isHeading = /^H[1-6]$/.test(el.tagName) && y >= top && y <= half;
      if (heading && !isHeading) { return; }
      if ((isHeading && !heading) || Math.abs(y - top) < distance) {
        nearest = i; distance = Math.abs(y - top); offset = y; heading = isHeading;
      }
    });
    return {
      anchor: currentAnchor(marks),
      mark: window.scrollY > 0 ? nearest : -1,
      offset: offset
    };
  }

  /* The switcher's link, with this page's query string. */
  function withQuery(link) {
    var target = new URL(link.getAttribute("href"), location.href);
    target.search = location.search;
    target.hash = "";
    return target.href;
  }

  function remember(event) {
    var link = event.target.closest && event.target.closest(SWITCH);
    if (!link) { return; }
    link.href = withQuery(link);
    if (event.type !== "click" || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    if (!counterparts(path(link.href), location.pathname)) { return; }
    var saved = place();
    saved.to = path(link.href);
    try { sessionStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* storage off: the page opens at its top */ }
  }

  var wanted = null;  // where restore() put the window; null once the reader has scrolled

  function scrollTo(saved, marks) {
    var mark = marks[saved.mark];
    if (!mark || !mark.getClientRects().length) { return; }
    window.scrollBy(0, mark.getBoundingClientRect().top - saved.offset);
    wanted = window.scrollY;
  }

  function restore() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved || saved.to !== path(location.href)) { return; }
    var marks = landmarks();
    var anchor = marks[saved.anchor];
    if (anchor && !location.hash) {
      history.replaceState(history.state, "", location.pathname + location.search + "#" + anchor.id);
    }
    scrollTo(saved, marks);
    /* Late layout (images, the theme's and the filter's scripts) moves the text: until the page
       has settled, each change of the article's size and each scroll the reader did not make
       puts the place back, unless the reader has scrolled meanwhile. The page has settled once
       it has loaded and its layout has not changed for QUIET ms (at the latest LONGEST ms after
       load); <html data-kb-place> says "restoring" until then, then "settled". */
    var root = document.documentElement;
    var settled = false, lastChange = Date.now();
    root.setAttribute("data-kb-place", "restoring");
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { wanted = null; }, { once: true, passive: true });
    });
    function again() {
      if (!settled && wanted !== null) { scrollTo(saved, landmarks()); }
    }
    window.addEventListener("scroll", function () {
      if (!settled && wanted !== null && Math.abs(window.scrollY - wanted) > 2) { again(); }
    }, { passive: true });
    var article = document.querySelector(".md-content article");
    var observer = window.ResizeObserver && new ResizeObserver(function () {
      lastChange = Date.now();
      again();
    });
    if (observer) {
      observer.observe(document.body);
      if (article) { observer.observe(article); }
    }
    function settle(loadedAt) {
      var now = Date.now();
      again();
      if (now - lastChange < QUIET && now - loadedAt < LONGEST) {
        window.setTimeout(function () { settle(loadedAt); }, QUIET);
        return;
      }
      settled = true;
      if (observer) { observer.disconnect(); }
      root.setAttribute("data-kb-place", "settled");
    }
    function loaded() {
      var loadedAt = Date.now();
      again();
      window.setTimeout(function () { settle(loadedAt); }, QUIET);
    }
    if (document.readyState === "complete") { loaded(); } else { window.addEventListener("load", loaded); }
  }

  ["click", "auxclick", "contextmenu", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, remember, true);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
