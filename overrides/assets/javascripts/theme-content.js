/* Material for MkDocs 9.8.1 inline script (partials/javascripts/content.html), moved out of the page so that the
   Content-Security-Policy needs no inline script (overrides/partials/javascripts/). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
