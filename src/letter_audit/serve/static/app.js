// letter-audit local page: drag-and-drop upload, copy buttons, finding-to-text links.
// Everything works without this script except drag-and-drop and copying.
"use strict";

(function () {
  function setupDrop() {
    var form = document.getElementById("upload");
    var input = document.getElementById("files");
    var chosen = document.getElementById("chosen");
    if (!form || !input) { return; }
    function describe() {
      var n = input.files ? input.files.length : 0;
      if (chosen) { chosen.textContent = n ? n + " letter" + (n === 1 ? "" : "s") + " chosen" : ""; }
    }
    input.addEventListener("change", describe);
    form.addEventListener("submit", function () {
      // Checking takes about a second a letter; say so rather than leave the page looking stuck.
      var n = input.files ? input.files.length : 0;
      var button = document.getElementById("upload-button");
      if (button) { button.disabled = true; }
      if (chosen && n) { chosen.textContent = "Checking " + n + " letter" + (n === 1 ? "" : "s") + "…"; }
    });
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () { form.classList.remove("over"); });
    });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        describe();
        form.requestSubmit();
      }
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setupCopy() {
    document.querySelectorAll("button.copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var status = button.nextElementSibling;
        if (!source) { return; }
        var text = source.textContent;
        var done = navigator.clipboard && window.isSecureContext
          ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
          : fallbackCopy(text);
        done.then(function () {
          if (status) { status.textContent = "Copied"; }
        }, function () {
          if (status) { status.textContent = "Could not copy: select the text and press Ctrl+C"; }
        });
      });
    });
  }

  function focusFinding(id) {
    document.querySelectorAll("mark.hl.active").forEach(function (m) { m.classList.remove("active"); });
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (m) {
      return (m.getAttribute("data-f") || "").split(" ").indexOf(id) >= 0;
    });
    marks.forEach(function (m) { m.classList.add("active"); });
    var anchor = document.getElementById("ev-" + id);
    var target = marks[0] || anchor;
    var box = document.getElementById("letter-text");
    if (!target || !box) { return; }
    // Scroll the letter box to the evidence, and the page only as far as needed to show the box,
    // so the letter's heading and the panel stay in view.
    box.scrollTo({ top: Math.max(0, target.offsetTop - box.clientHeight / 3), behavior: "smooth" });
    var rect = box.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) { box.scrollIntoView({ block: "nearest" }); }
  }

  function setupFindings() {
    document.querySelectorAll("a.goto").forEach(function (link) {
      link.addEventListener("click", function (e) {
        e.preventDefault();
        var id = link.getAttribute("data-target");
        focusFinding(id);
        history.replaceState(null, "", "#ev-" + id);
      });
    });
    if (location.hash.indexOf("#ev-") === 0) { focusFinding(location.hash.slice(4)); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupDrop();
    setupCopy();
    setupFindings();
  });
})();
