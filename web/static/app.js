// app.js — the little the pages need beyond HTML: adding and removing
// rows of the intake form, keeping the member choices of the declaration
// rows in step with the member rows, showing the scan field only for
// paper letters, and disabling a form's buttons once it is sent so that a
// double-click sends it once.
(function () {
  "use strict";

  function memberLabels() {
    var body = document.getElementById("rows-members");
    if (!body) { return null; }
    var pattern = body.dataset.memberLabel || "%d";
    var rows = body.querySelectorAll("tr");
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      if (!rows[i].dataset.ref) { rows[i].dataset.ref = String(nextRef++); }
      var name = rows[i].querySelector('input[name="m_name"]');
      var n = i + 1;
      out.push({ ref: rows[i].dataset.ref, label: n + ". " + (name && name.value.trim() ? name.value.trim() : pattern.replace("%d", n)) });
    }
    return out;
  }
  var nextRef = 1;

  // syncMembers rebuilds every member select, keeping each one on the
  // member it pointed at even when rows above it were removed.
  function syncMembers() {
    var members = memberLabels();
    if (!members) { return; }
    var selects = document.querySelectorAll("select[data-member-select]");
    for (var i = 0; i < selects.length; i++) {
      var sel = selects[i];
      var ref = sel.dataset.ref;
      if (!ref) {
        var idx = sel.selectedIndex >= 0 ? sel.selectedIndex : 0;
        ref = members[Math.min(idx, members.length - 1)] ? members[Math.min(idx, members.length - 1)].ref : "";
      }
      while (sel.options.length) { sel.remove(0); }
      var chosen = 0;
      for (var j = 0; j < members.length; j++) {
        sel.add(new Option(members[j].label, String(j + 1)));
        if (members[j].ref === ref) { chosen = j; }
      }
      sel.selectedIndex = members.length ? chosen : -1;
      sel.dataset.ref = members.length ? members[chosen].ref : "";
    }
  }

  document.addEventListener("click", function (e) {
    var add = e.target.closest("[data-add-row]");
    if (add) {
      var name = add.getAttribute("data-add-row");
      var tpl = document.getElementById("tpl-" + name);
      var body = document.getElementById("rows-" + name);
      if (tpl && body) {
        var row = tpl.content.firstElementChild.cloneNode(true);
        body.appendChild(row);
        syncMembers();
        var first = row.querySelector("input, select");
        if (first) { first.focus(); }
      }
      return;
    }
    var del = e.target.closest("[data-remove-row]");
    if (del) {
      var tr = del.closest("tr");
      var tbody = tr && tr.parentNode;
      if (tbody && tbody.id === "rows-members" && tbody.querySelectorAll("tr").length <= 1) { return; }
      if (tr) { tr.remove(); syncMembers(); }
    }
  });

  document.addEventListener("input", function (e) {
    if (e.target.matches('input[name="m_name"]')) { syncMembers(); }
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches("select[data-member-select]")) {
      var members = memberLabels();
      var i = e.target.selectedIndex;
      e.target.dataset.ref = members && members[i] ? members[i].ref : "";
    }
    if (e.target.matches("[data-toggle-scan]")) { toggleScan(); }
  });

  function toggleScan() {
    var section = document.getElementById("scan-section");
    var paper = document.querySelector('input[name="form"][value="paper"]');
    if (section && paper) {
      section.hidden = !paper.checked;
      // An electronic letter has no scan: drop a file chosen before.
      var file = section.querySelector('input[type="file"]');
      if (section.hidden && file) { file.value = ""; }
    }
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute("data-once")) { return; }
    if (form.dataset.sent) { e.preventDefault(); return; }
    form.dataset.sent = "1";
    // Disable after the submission has started, so the button's own
    // name and value are still sent.
    setTimeout(function () {
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    }, 0);
  });

  // A page restored from the back-forward cache must be usable again.
  window.addEventListener("pageshow", function () {
    var forms = document.querySelectorAll("form[data-sent]");
    for (var i = 0; i < forms.length; i++) {
      delete forms[i].dataset.sent;
      var buttons = forms[i].querySelectorAll("button[type=submit]");
      for (var j = 0; j < buttons.length; j++) { buttons[j].disabled = false; }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    syncMembers();
    toggleScan();
  });
})();
