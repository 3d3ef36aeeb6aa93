/* The simplified 404 page is the one a static host (GitHub Pages) serves for every missing
   path, also under zh-Hant/. There it hands over to the zh-Hant 404 page at once, so that a
   reader of the traditional edition is answered in traditional characters, with that edition's
   header, search and home link. The addresses come from the script tag (overrides/404.html). */
(function () {
  var script = document.currentScript;
  if (!script) return;
  var prefix = script.getAttribute("data-hant-prefix");
  var target = script.getAttribute("data-hant-page");
  var path = window.location.pathname;
  if (!prefix || !target || path === target) return;
  if (path === prefix.replace(/\/$/, "") || path.indexOf(prefix) === 0) {
    window.location.replace(target);
  }
})();
