/*
 * Copy buttons for the "Chia sẻ" box and the /chia-se/ staff page.
 *
 * A button's data-loa-copy names a <textarea> whose value is the exact post
 * (the same bytes as social/<slug>/<channel>.txt). Loaded as a file, never
 * inline, because the site's CSP is script-src 'self'. ES5 and no Promise
 * of our own, because staff use old Android phones.
 */
(function () {
  "use strict";

  // The words come from the page (data-loa-done, data-loa-failed on the
  // status line), which takes them from the message catalogue.
  var RESET_MS = 3000;

  // Element.closest is missing on some old in-app browsers.
  function closest(el, selector) {
    var match = Element.prototype.matches || Element.prototype.msMatchesSelector ||
      Element.prototype.webkitMatchesSelector;
    for (; el && el.nodeType === 1; el = el.parentNode) {
      if (match.call(el, selector)) { return el; }
    }
    return null;
  }

  // For http:// pages and browsers without the async clipboard API.
  function copyBySelection(text) {
    var previous = document.activeElement;  // given back so keyboard users keep their place
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");  // no on-screen keyboard popping up
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);  // iOS ignores select() alone
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (previous && previous.focus) { previous.focus(); }
    return ok;
  }

  function copy(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyBySelection(text)); });
      return;
    }
    done(copyBySelection(text));
  }

  function statusOf(button) {
    var scope = closest(button, "[data-loa-copy-scope]") || document;
    return scope.querySelector(".loa-copy-status");
  }

  function words(button, name) {
    var status = statusOf(button);
    return (status && status.getAttribute("data-loa-" + name)) || "";
  }

  function announce(button, message) {
    var status = statusOf(button);
    if (!status) { return; }
    status.textContent = "";  // a changed text is announced again on a second copy
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function showCopied(button) {
    if (!button.getAttribute("data-loa-label")) {
      button.setAttribute("data-loa-label", button.textContent);
    }
    button.textContent = words(button, "done");
    button.classList.add("loa-copied");
    window.clearTimeout(button.loaTimer);
    button.loaTimer = window.setTimeout(function () {
      button.textContent = button.getAttribute("data-loa-label");
      button.classList.remove("loa-copied");
    }, RESET_MS);
  }

  // Last resort: show the text selected so the person can copy it by hand.
  function revealForManualCopy(source) {
    source.hidden = false;
    source.focus();
    source.select();
  }

  function onClick(event) {
    var button = closest(event.target, "[data-loa-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-loa-copy"));
    if (!source) { return; }
    copy(source.value, function (ok) {
      if (ok) {
        showCopied(button);
        announce(button, words(button, "done"));
      } else {
        revealForManualCopy(source);
        announce(button, words(button, "failed"));
      }
    });
  }

  // "Đã đăng" on /chia-se/: one line for content/posted.csv, quoted as CSV
  // needs, dated today in the phone's own time zone.
  function csvField(text) {
    text = String(text);
    text = (text.normalize ? text.normalize("NFC") : text).replace(/\s+/g, " ").replace(/^ | $/g, "");
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function field(form, name) {
    var el = form.querySelector("[data-loa-posted-field='" + name + "']");
    return el ? el.value : "";
  }

  // The group and name typed last are offered again: staff post the same
  // explainer to several groups in a row. Kept only on this phone.
  function remember(name, value) {
    try { window.localStorage.setItem("loa-posted-" + name, value); } catch (e) { /* private mode */ }
  }

  function recall(form) {
    var inputs = form.querySelectorAll("input[data-loa-posted-field]");
    for (var i = 0; i < inputs.length; i++) {
      var name = inputs[i].getAttribute("data-loa-posted-field");
      try { inputs[i].value = inputs[i].value || window.localStorage.getItem("loa-posted-" + name) || ""; } catch (e) { /* none */ }
    }
  }

  function onMake(button) {
    var form = closest(button, "[data-loa-posted]");
    var area = document.getElementById(button.getAttribute("data-loa-posted-make"));
    if (!form || !area) { return; }
    var group = field(form, "group").replace(/\s+/g, " ").replace(/^ | $/g, "");
    if (!group) {
      announce(button, form.getAttribute("data-loa-needs-group") || "");
      return;
    }
    remember("group", group);
    remember("by", field(form, "by"));
    area.value = [today(), form.getAttribute("data-loa-posted"), field(form, "channel"), group,
      field(form, "by")].map(csvField).join(",");
    area.hidden = false;
    var copyButton = form.querySelector("[data-loa-copy='" + area.id + "']");
    if (copyButton) { copyButton.hidden = false; }
  }

  function onToggle(event) {
    var form = event.target && event.target.querySelector && event.target.querySelector("[data-loa-posted]");
    if (form && event.target.open) { recall(form); }
  }

  function onAnyClick(event) {
    var make = closest(event.target, "[data-loa-posted-make]");
    if (make) { onMake(make); return; }
    onClick(event);
  }

  // Delegated, so it keeps working when Material's instant loading swaps pages.
  document.addEventListener("click", onAnyClick);
  document.addEventListener("toggle", onToggle, true);  // toggle does not bubble
})();
