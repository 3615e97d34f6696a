// idcheck.js — checks a resident ID number (GB 11643-1999) as it is typed,
// so that a clerk sees a wrong check character before submitting. The
// server validates again; this only helps. Messages come from the page
// (data-msg-* attributes, from the server's catalogue).
(function () {
  "use strict";
  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK = "10X98765432";

  // normalise folds full-width digits and x, and trims blanks, as the
  // server does.
  function normalise(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xff10 && c <= 0xff19) { out += String.fromCharCode(c - 0xff10 + 48); continue; }
      if (c === 0xff38 || c === 0xff58 || c === 0x78) { out += "X"; continue; }
      out += s.charAt(i);
    }
    return out.replace(/^[\s\u3000\ufeff]+|[\s\u3000\ufeff]+$/g, "");
  }

  function fmt(msg) {
    var args = Array.prototype.slice.call(arguments, 1);
    var i = 0;
    return msg.replace(/%[sdc]/g, function () { return String(args[i++]); });
  }

  function validDate(y, m, d) {
    if (m < 1 || m > 12 || d < 1) { return false; }
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[m - 1];
  }

  // check returns {ok, msg, final}: final is false while the number is
  // still being typed and not yet wrong.
  function check(input) {
    var ds = input.dataset;
    var s = normalise(input.value);
    if (s === "") { return { ok: false, msg: "", final: false }; }
    for (var i = 0; i < s.length; i++) {
      var ch = s.charAt(i);
      var digit = ch >= "0" && ch <= "9";
      if (!digit && !(ch === "X" && i === 17)) {
        return { ok: false, msg: fmt(ds.msgChar, i + 1, ch), final: true };
      }
    }
    if (s.length !== 18) {
      return { ok: false, msg: fmt(ds.msgLength, s.length), final: s.length > 18 };
    }
    if (s.charAt(0) === "0") { return { ok: false, msg: ds.msgArea, final: true }; }
    var y = +s.substr(6, 4), m = +s.substr(10, 2), d = +s.substr(12, 2);
    if (!validDate(y, m, d) || y < 1880) { return { ok: false, msg: fmt(ds.msgDate, s.substr(6, 8)), final: true }; }
    var now = new Date();
    var key = y * 10000 + m * 100 + d;
    if (key > now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate()) {
      return { ok: false, msg: fmt(ds.msgFuture, s.substr(6, 8)), final: true };
    }
    var sum = 0;
    for (var j = 0; j < 17; j++) { sum += (+s.charAt(j)) * WEIGHTS[j]; }
    var want = CHECK.charAt(sum % 11);
    if (s.charAt(17) !== want) { return { ok: false, msg: fmt(ds.msgCheck, want), final: true }; }
    var male = (+s.charAt(16)) % 2 === 1;
    var birth = s.substr(6, 4) + "-" + s.substr(10, 2) + "-" + s.substr(12, 2);
    return { ok: true, msg: fmt(ds.msgOk, birth, male ? ds.msgMale : ds.msgFemale), final: true };
  }

  function hintOf(input) {
    var el = input.nextElementSibling;
    while (el && !el.classList.contains("id-hint")) { el = el.nextElementSibling; }
    return el;
  }

  // serverErrors are the server's messages about this field, shown after
  // a form came back; they give way to the live check once the user types.
  function serverErrors(input) {
    var out = [];
    for (var el = input.nextElementSibling; el; el = el.nextElementSibling) {
      if (el.classList.contains("field-error")) { out.push(el); }
    }
    return out;
  }

  function show(input, blurred) {
    var hint = hintOf(input);
    if (!hint) { return; }
    var errs = serverErrors(input);
    for (var i = 0; i < errs.length; i++) {
      if (!blurred) { errs[i].hidden = true; }
      if (!errs[i].hidden) { return; } // the server's message stands until the user types
    }
    var r = check(input);
    var visible = r.msg !== "" && (r.final || blurred);
    hint.textContent = visible ? r.msg : "";
    hint.className = "id-hint" + (visible ? (r.ok ? " ok" : " bad") : "");
    input.classList.toggle("invalid", visible && !r.ok);
    input.setAttribute("aria-invalid", visible && !r.ok ? "true" : "false");
  }

  function onEvent(e) {
    var t = e.target;
    if (t && t.matches && t.matches("input[data-idcheck]")) { show(t, e.type !== "input"); }
  }

  document.addEventListener("input", onEvent);
  document.addEventListener("focusout", onEvent);
  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-idcheck]");
    for (var i = 0; i < inputs.length; i++) {
      // Where the server already said what is wrong, do not say it twice.
      if (inputs[i].value && serverErrors(inputs[i]).length === 0) { show(inputs[i], true); }
    }
  });
})();
