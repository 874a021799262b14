/*
 * Glossary terms in an explainer: the first use of each term is a link to
 * its entry on /thuat-ngu/ (loa/text/terms.py) carrying the definition in
 * data-loa-def (and the law article in data-loa-source). This script turns
 * each such link into a button that shows the definition under the line:
 * a tap, Enter or Space opens it, a second tap, a tap elsewhere or Esc
 * closes it, and Esc gives focus back to the button (WCAG 1.4.13: the
 * definition stays until dismissed and can be pointed at or selected).
 * Without the script the link still leads to the definition.
 *
 * The popup's words come from the page (#loa-glossary-words), which takes
 * them from the message catalogue. Browser baseline as for every script in
 * assets/loa (see search.js): ECMAScript 5, no Element.closest.
 */
(function () {
  "use strict";
  var words = document.getElementById("loa-glossary-words");
  var links = document.querySelectorAll("a.loa-term[data-loa-def]");
  if (!words || !links.length) return;
  var open = null; // {button, panel} shown now, or null

  function say(name) { return words.getAttribute("data-loa-" + name) || ""; }

  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.appendChild(document.createTextNode(text));
    return el;
  }

  function inside(node, el) {
    for (; node; node = node.parentNode) { if (node === el) return true; }
    return false;
  }

  function close(giveFocus) {
    if (!open) return;
    var was = open;
    open = null;
    was.button.setAttribute("aria-expanded", "false");
    was.panel.hidden = true;
    if (giveFocus) was.button.focus();
  }

  function show(pair) {
    close(false);
    pair.button.setAttribute("aria-expanded", "true");
    pair.panel.hidden = false;
    open = pair;
  }

  function upgrade(link, n) {
    var term = link.textContent;
    var button = element("button", "loa-term", term);
    var panel = element("span", "loa-term__def");
    var id = "loa-term-" + n;
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);
    panel.id = id;
    panel.hidden = true;
    panel.setAttribute("role", "definition");
    panel.setAttribute("aria-label", say("label") + ": " + term);
    panel.appendChild(element("span", "loa-term__text", link.getAttribute("data-loa-def")));
    var source = link.getAttribute("data-loa-source");
    if (source) panel.appendChild(element("span", "loa-term__source", source));
    var more = element("a", "loa-term__more", say("more"));
    more.href = link.getAttribute("href");
    var shut = element("button", "loa-term__close", say("close"));
    shut.type = "button";
    panel.appendChild(more);
    panel.appendChild(shut);
    var pair = {button: button, panel: panel};
    button.addEventListener("click", function () {
      if (open === pair) { close(false); } else { show(pair); }
    });
    shut.addEventListener("click", function () { close(true); });
    link.parentNode.insertBefore(button, link);
    link.parentNode.insertBefore(panel, link);
    link.parentNode.removeChild(link);
  }

  for (var i = 0; i < links.length; i++) upgrade(links[i], i + 1);

  document.addEventListener("keydown", function (event) {
    if (open && (event.key === "Escape" || event.key === "Esc" || event.keyCode === 27)) {
      close(true);
    }
  });
  // A tap or click anywhere but the open term and its definition closes it.
  document.addEventListener("click", function (event) {
    if (open && !inside(event.target, open.button) && !inside(event.target, open.panel)) close(false);
  });
})();
