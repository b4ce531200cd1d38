// Progressive enhancement only: the unread count in the header follows new notifications without a reload.
// Server-sent events where the browser has them, else a light poll; without script the count shows on each page.
(function () {
  "use strict";
  var link = document.querySelector(".notifications-link[data-live]");
  if (!link) { return; }

  function show(unread) {
    var n = parseInt(unread, 10) || 0;
    var count = link.querySelector(".count");
    if (n <= 0) {
      if (count) { count.remove(); }
      link.removeAttribute("data-unread");
      return;
    }
    if (!count) {
      count = document.createElement("span");
      count.className = "count";
      count.appendChild(document.createElement("span"));
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + (link.getAttribute("data-unread-word") || "");
      count.appendChild(hidden);
      link.appendChild(document.createTextNode(" "));
      link.appendChild(count);
    }
    count.firstChild.textContent = String(n);
    link.setAttribute("data-unread", String(n));
  }

  function poll() {
    if (!window.fetch) { return; }
    fetch(link.getAttribute("data-count"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body) { show(body.unread); } })
      .catch(function () {});
  }

  if (window.EventSource) {
    var source = new EventSource(link.getAttribute("data-live"));
    source.addEventListener("unread", function (event) { show(event.data); });
    source.addEventListener("signedout", function () { source.close(); });
  } else {
    setInterval(poll, 30000);
  }
})();
