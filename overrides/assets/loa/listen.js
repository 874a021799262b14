/* "Nghe bài này": reads an explainer aloud with the phone's own voice, on
 * pages that have no recording (loa/outputs/recordings.py, listen.html).
 *
 * The button is hidden in the page and shown only when the browser has a
 * voice of the page's language (data-loa-lang) that runs on the device:
 * a network voice (Chrome's "Google tiếng Việt" on computers) would send
 * the page to a third party. Zalo's and Facebook's in-app browsers on
 * Android have no speechSynthesis at all, so there the button stays hidden.
 * Words come from data-loa-start and data-loa-stop (the message catalogue).
 *
 * Browser baseline (the same for every script in assets/loa): ECMAScript 5
 * plus Promise and String.prototype.normalize, as in Android 5's WebView.
 */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var holder = document.querySelector(".loa-speak");
  var button = holder && holder.querySelector("button");
  if (!synth || !Utterance || !button) return;

  var lang = (button.getAttribute("data-loa-lang") || "vi").toLowerCase();
  // What is read: the headings and paragraphs of the article, not the
  // share box (posts to copy), buttons or the reading button itself.
  var READ = "h1, h2, h3, h4, p, li, td, th, dt, dd";
  var SKIP = ".loa-speak, .loa-share, .loa-copy, textarea, button, nav, script, style";
  // Chrome stops one long utterance after about 15 seconds: read in pieces.
  var PIECE = 200;
  var reading = false;

  function matches(el, selector) {
    var match = Element.prototype.matches || Element.prototype.msMatchesSelector ||
      Element.prototype.webkitMatchesSelector;
    return match.call(el, selector);
  }

  function inside(el, selector) {
    for (; el && el.nodeType === 1; el = el.parentNode) {
      if (matches(el, selector)) { return true; }
    }
    return false;
  }

  function voice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var v = voices[i];
      var code = String(v.lang || "").replace("_", "-").toLowerCase();
      if ((code === lang || code.indexOf(lang + "-") === 0) && v.localService !== false) { return v; }
    }
    return null;
  }

  function pieces() {
    var article = document.querySelector("article") || document.body;
    var nodes = article.querySelectorAll(READ);
    var out = [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      // A <p> inside an <li> is read with its item, not twice.
      if (inside(el, SKIP) || (el.parentNode && inside(el.parentNode, READ))) { continue; }
      var text = (el.textContent || "").replace(/\s+/g, " ").replace(/^ | $/g, "");
      if (text) { split(text, out); }
    }
    return out;
  }

  function split(text, out) {
    var sentences = text.match(/[^.!?;:]+[.!?;:]*/g) || [text];
    var piece = "";
    for (var i = 0; i < sentences.length; i++) {
      if (piece && piece.length + sentences[i].length > PIECE) {
        out.push(piece);
        piece = "";
      }
      piece += sentences[i];
    }
    if (piece.replace(/\s/g, "")) { out.push(piece); }
  }

  function label(on) {
    reading = on;
    button.textContent = button.getAttribute(on ? "data-loa-stop" : "data-loa-start");
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function start() {
    var chosen = voice();
    var all = pieces();
    if (!chosen || !all.length) { return; }
    synth.cancel();
    label(true);
    for (var i = 0; i < all.length; i++) {
      var u = new Utterance(all[i]);
      u.lang = chosen.lang || lang;
      u.voice = chosen;
      if (i === all.length - 1) {
        u.onend = function () { label(false); };
      }
      u.onerror = function () { label(false); };
      synth.speak(u);
    }
  }

  function show() {
    if (voice()) { holder.hidden = false; }
  }

  button.addEventListener("click", function () {
    if (reading) {
      synth.cancel();
      label(false);
    } else {
      start();
    }
  });
  // Reading must not go on after the reader has left the page.
  window.addEventListener("pagehide", function () { synth.cancel(); });
  // Voices often arrive after the page loads.
  show();
  if (synth.addEventListener) {
    synth.addEventListener("voiceschanged", show);
  } else {
    synth.onvoiceschanged = show;
  }
})();
