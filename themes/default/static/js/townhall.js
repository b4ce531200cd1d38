// Progressive enhancement only: every form here also works without this script.
(function () {
  "use strict";

  // The path prefix the site is served under ("" or e.g. "/community"), from <html data-base="...">.
  var base = document.documentElement.getAttribute("data-base") || "";

  function csrfOf(form) {
    var field = form.querySelector("input[name=_csrf]");
    return field ? field.value : "";
  }

  // Votes without a page reload: post the same form, ask for JSON, update the score and the pressed state.
  document.querySelectorAll("[data-vote]").forEach(function (widget) {
    widget.addEventListener("submit", function (event) {
      var form = event.target;
      var button = event.submitter;
      if (!button || !window.fetch) { return; }
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.set("value", button.value);
      fetch(form.action, {
        method: "POST",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrfOf(form) },
        body: body,
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { // let the server's page say why, with the pressed button's value as a plain post sends it
          var value = document.createElement("input");
          value.type = "hidden";
          value.name = "value";
          value.value = button.value;
          form.appendChild(value);
          form.submit();
          return null;
        }
        return response.json();
      }).then(function (result) {
        if (!result) { return; }
        widget.querySelector(".score").textContent = result.score;
        var up = widget.querySelector(".vote-up");
        var down = widget.querySelector(".vote-down");
        if (up) { up.setAttribute("aria-pressed", result.vote === 1); up.value = result.vote === 1 ? "none" : "up"; }
        if (down) { down.setAttribute("aria-pressed", result.vote === -1); down.value = result.vote === -1 ? "none" : "down"; }
      });
    });
  });

  // Live Markdown preview, rendered by the server exactly as it will be stored.
  document.querySelectorAll("textarea[data-preview]").forEach(function (textarea) {
    var target = document.getElementById(textarea.getAttribute("data-preview"));
    var form = textarea.form;
    if (!target || !form || !window.fetch) { return; }
    var timer = null;
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams();
        body.set("body", textarea.value);
        fetch(base + "/preview", {
          method: "POST",
          headers: { "X-CSRF-Token": csrfOf(form) },
          body: body,
          credentials: "same-origin"
        }).then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) {
            if (html === null) { return; }
            target.innerHTML = html;
            target.hidden = textarea.value.trim() === "";
          });
      }, 250);
    });
  });
  // Search while asking: as the title (then the body) is typed, the server suggests FAQ entries and similar
  // questions for the region named by data-suggest. Leaving the page without posting is reported once, so
  // staff can measure how often a question did not need asking. Without this script, "Check for similar
  // questions" shows the same suggestions.
  (function () {
    var form = document.querySelector("form[data-suggest]");
    if (!form || !window.fetch) { return; }
    var region = document.getElementById(form.getAttribute("data-suggest"));
    var title = form.querySelector("[name=title]");
    var body = form.querySelector("[name=body]");
    var session = form.querySelector("[name=ask_session]");
    if (!region || !title || !session) { return; }
    var timer = null;
    var lastSent = "";
    var submitted = false;
    var shown = region.querySelector("li") !== null;

    function suggest() {
      var titleText = title.value.trim();
      var bodyText = body ? body.value.trim().slice(0, 5000) : "";
      if (titleText.length < 4 && bodyText.length < 20) { return; }
      var key = titleText + "\n" + bodyText;
      if (key === lastSent) { return; }
      lastSent = key;
      var data = new URLSearchParams();
      data.set("title", titleText);
      data.set("body", bodyText);
      data.set("ask_session", session.value);
      fetch(base + "/ask/suggestions", {
        method: "POST",
        headers: { "X-CSRF-Token": csrfOf(form) },
        body: data,
        credentials: "same-origin"
      }).then(function (response) { return response.ok && !response.redirected ? response.text() : null; })
        .then(function (html) {
          if (html === null || key !== lastSent) { return; }
          region.innerHTML = html;
          if (region.querySelector("li")) { shown = true; }
        })
        .catch(function () { lastSent = ""; });
    }

    function later(delay) {
      clearTimeout(timer);
      timer = setTimeout(suggest, delay);
    }

    title.addEventListener("input", function () { later(300); });
    if (body) { body.addEventListener("input", function () { later(700); }); }
    form.addEventListener("submit", function () { submitted = true; });
    window.addEventListener("pagehide", function () {
      if (submitted || !navigator.sendBeacon || (!shown && title.value.trim() === "")) { return; }
      var data = new URLSearchParams();
      data.set("_csrf", csrfOf(form));
      data.set("ask_session", session.value);
      data.set("title", title.value.trim());
      navigator.sendBeacon(base + "/ask/left", data);
      submitted = true;
    });
  })();

  // "How can we help?" on the home page: answers appear under the box as the visitor types; Enter (or no
  // script) opens the search page instead.
  document.querySelectorAll("form[data-instant]").forEach(function (form) {
    var region = document.getElementById(form.getAttribute("data-instant"));
    var input = form.querySelector("input[name=q]");
    if (!region || !input || !window.fetch) { return; }
    var timer = null;
    var lastSent = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q === lastSent) { return; }
        lastSent = q;
        if (q.length < 3) { region.innerHTML = ""; return; }
        fetch(base + "/search/instant?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) { if (html !== null && q === lastSent) { region.innerHTML = html; } })
          .catch(function () { lastSent = ""; });
      }, 250);
    });
  });

  // Images in posts: a file chosen in the image field is uploaded at once, and images dropped on the text too; the
  // server answers with the Markdown that shows it, put where the cursor is. Without this script the form sends the
  // file itself and comes back with the Markdown added.
  document.querySelectorAll("[data-image-upload]").forEach(function (field) {
    var textarea = document.getElementById(field.getAttribute("data-image-upload"));
    var input = field.querySelector("input[type=file]");
    var status = field.querySelector(".upload-status");
    var form = textarea ? textarea.form : null;
    if (!textarea || !input || !form || !window.fetch || !window.FormData) { return; }

    function say(text) { status.textContent = text; }

    function insert(markdown) {
      var start = textarea.selectionStart || textarea.value.length;
      var before = textarea.value.slice(0, start);
      var after = textarea.value.slice(textarea.selectionEnd || start);
      var lead = before === "" || /\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n");
      textarea.value = before + lead + markdown + "\n" + after;
      textarea.dispatchEvent(new Event("input"));
    }

    function upload(file) {
      var body = new FormData();
      body.append("image", file, file.name);
      say(field.getAttribute("data-uploading"));
      return fetch(base + "/uploads", {
        method: "POST",
        headers: { "Accept": "application/json", "X-CSRF-Token": csrfOf(form) },
        body: body,
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (result) {
          if (response.ok && result.markdown) {
            insert(result.markdown);
            say(field.getAttribute("data-added"));
          } else {
            say(result.error || field.getAttribute("data-failed"));
          }
        });
      }).catch(function () { say(field.getAttribute("data-failed")); });
    }

    function uploadAll(files) {
      Array.prototype.reduce.call(files, function (previous, file) {
        return previous.then(function () { return upload(file); });
      }, Promise.resolve());
    }

    input.addEventListener("change", function () {
      if (input.files.length === 0) { return; }
      var files = Array.prototype.slice.call(input.files);
      input.value = ""; // uploaded now: the form does not send it again
      uploadAll(files);
    });
    textarea.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
        textarea.classList.add("drop-target");
      }
    });
    textarea.addEventListener("dragleave", function () { textarea.classList.remove("drop-target"); });
    textarea.addEventListener("drop", function (event) {
      textarea.classList.remove("drop-target");
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) { return; }
      event.preventDefault();
      uploadAll(event.dataTransfer.files);
    });
  });

  // @mentions: typing "@ma" in an answer, a question or a comment lists matching members to pick with the arrow
  // keys and Enter (or a click). Typed in full, a mention works as well without this script.
  (function () {
    if (!window.fetch) { return; }
    var boxes = document.querySelectorAll("textarea[name=body], textarea[name=comment]");
    var counter = 0;
    boxes.forEach(function (box) {
      var list = document.createElement("ul");
      list.className = "mention-suggestions";
      list.id = "mention-suggestions-" + (++counter);
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", box.getAttribute("data-mention-label") || "Members");
      list.hidden = true;
      box.insertAdjacentElement("afterend", list);
      box.setAttribute("aria-autocomplete", "list");
      var timer = null;
      var active = -1;
      var typed = null;

      function close() {
        list.hidden = true;
        list.innerHTML = "";
        active = -1;
        box.removeAttribute("aria-activedescendant");
      }
      function choose(name) {
        var before = box.value.slice(0, box.selectionStart).replace(/@[A-Za-z0-9._-]*$/, "@" + name + " ");
        var after = box.value.slice(box.selectionStart);
        box.value = before + after;
        box.selectionStart = box.selectionEnd = before.length;
        close();
        box.focus();
      }
      function highlight(index) {
        var items = list.querySelectorAll("li");
        items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
        active = index;
        if (items[index]) { box.setAttribute("aria-activedescendant", items[index].id); }
      }
      box.addEventListener("input", function () {
        var match = /(?:^|[^A-Za-z0-9_.@\/-])@([A-Za-z0-9._-]{2,31})$/.exec(box.value.slice(0, box.selectionStart));
        clearTimeout(timer);
        if (!match) { close(); return; }
        typed = match[1];
        timer = setTimeout(function () {
          var asked = typed;
          fetch(base + "/notifications/mentions?q=" + encodeURIComponent(asked), {
            headers: { "Accept": "application/json" }, credentials: "same-origin"
          }).then(function (r) { return r.ok ? r.json() : null; }).then(function (names) {
            if (!names || asked !== typed) { return; }
            list.innerHTML = "";
            names.forEach(function (name, i) {
              var li = document.createElement("li");
              li.id = list.id + "-" + i;
              li.setAttribute("role", "option");
              li.textContent = "@" + name;
              li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(name); });
              list.appendChild(li);
            });
            list.hidden = names.length === 0;
            if (names.length) { highlight(0); }
          });
        }, 150);
      });
      box.addEventListener("keydown", function (event) {
        if (list.hidden) { return; }
        var items = list.querySelectorAll("li");
        if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
        else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
        else if ((event.key === "Enter" || event.key === "Tab") && items[active]) {
          event.preventDefault();
          choose(items[active].textContent.slice(1));
        } else if (event.key === "Escape") { close(); }
      });
      box.addEventListener("blur", function () { setTimeout(close, 150); });
    });
  })();
})();
