// progress.js — follows a background job on its page (web/progress.go):
// polls the element's data-progress-url for the job's JSON state, moves
// the <progress> bar and the counts, and reloads the page once the job
// has ended so that the server renders the outcome. No inline script is
// needed, so the Content-Security-Policy stays strict; without this file
// the page refreshes itself.
(function () {
  "use strict";
  var INTERVAL = 1000;

  function set(box, name, value) {
    var el = box.querySelector("[data-progress-" + name + "]");
    if (el) { el.textContent = String(value); }
  }

  function follow(box) {
    var url = box.getAttribute("data-progress-url");
    var bar = box.querySelector("progress");
    var reload = box.querySelector(".progress-reload");
    if (reload) { reload.hidden = true; }
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (res) {
          if (!res.ok) { throw new Error("HTTP " + res.status); }
          return res.json();
        })
        .then(function (st) {
          if (bar) {
            bar.max = st.total > 0 ? st.total : 1;
            bar.value = st.total > 0 ? st.done : (st.finished ? 1 : 0);
            bar.textContent = st.percent + "%";
          }
          set(box, "done", st.done);
          set(box, "total", st.total);
          set(box, "failed", st.failed);
          set(box, "percent", st.percent);
          if (st.finished) {
            window.location.reload();
            return;
          }
          window.setTimeout(poll, INTERVAL);
        })
        .catch(function () {
          // Leave the page as it is and offer the reload link.
          if (reload) { reload.hidden = false; }
        });
    }
    poll();
  }

  function init() {
    var boxes = document.querySelectorAll("[data-progress-url]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute("data-finished")) { follow(boxes[i]); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
