/* Printed, an external link is followed by its address (extra.css, @media print), so that a
   page on paper can still be followed; a link whose text already is its address is marked
   kb-link--address here and printed once. No network, no inline script: works from file://. */
(function () {
  "use strict";

  function bare(url) {
    var text = url.trim();
    try { text = decodeURI(text); } catch (e) { /* shown as written */ }
    return text.replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  }

  function mark() {
    var links = document.querySelectorAll('.md-typeset a[href^="http://"], .md-typeset a[href^="https://"]');
    Array.prototype.forEach.call(links, function (link) {
      if (bare(link.textContent) === bare(link.getAttribute("href"))) {
        link.classList.add("kb-link--address");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
