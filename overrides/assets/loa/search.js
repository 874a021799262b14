/* Loa search page: finds explainers however Vietnamese is typed.
 *
 * The index is built by loa/search.py, which documents its format. Index
 * files are <script> tags that call LoaSearch.add(name, data), because the
 * site must also work from a folder (file://), where fetch() is refused.
 * Nothing is loaded until the reader searches; then only the files for the
 * words of the query, and the titles of the results that are shown.
 */
(function () {
  "use strict";
  if (window.LoaSearch) return; // included twice: the first copy does the work

  var SHOWN = 10; // results per "Xem thêm" step
  var WAIT_MS = 30; // pause in typing before the word being typed is looked up
  var MAX_WORDS = 64; // a pasted page must not load the whole index
  var ANNOUNCE_MS = 700;
  // Weight of a match spelled differently from a query typed with
  // diacritics: "hóa" still finds "hòa", but after the exact matches.
  var INEXACT = 0.5;

  var script = document.currentScript;
  var root = script.src.replace(/assets\/loa\/search\.js([?#].*)?$/, "");
  var base = root + "assets/loa/search/";
  var form = document.getElementById("loa-search-form");
  var input = document.getElementById("loa-search-q");
  var status = document.getElementById("loa-search-status");
  var list = document.getElementById("loa-search-results");
  var more = document.getElementById("loa-search-more");
  // The words come from the page (data-loa-* on the status line and the
  // list), in the page's language; "{n}" and "{query}" are filled here.
  var locale = document.documentElement.lang || undefined;
  function wording(el, name, values) {
    return (el.getAttribute("data-loa-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return values && key in values ? values[key] : all;
    });
  }

  var files = {}; // name -> Promise of the data the file registered
  var arrived = {}; // name -> data, filled by LoaSearch.add
  var parsed = {}; // term -> decoded postings
  var core = null;
  var vocabulary = null; // folded syllable -> its number
  var common = null;
  var latest = 0; // number of the latest search; older ones are dropped
  var timer = 0;
  var announcer = 0;
  var inputAt = 0;
  var current = null; // the shown search: {query, ranked, highlight, shown}

  window.LoaSearch = {
    add: function (name, data) { arrived[name] = data; },
    // The folding rule as this page applies it; tests compare it with Python's.
    words: function (text) { return loadCore().then(function () { return words(text); }); },
    last: null // timings of the last search, for benchmarks and tests
  };

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        // The build id keeps a cached file of an older build from mixing in.
        tag.src = base + name + ".js" + (core ? "?v=" + core.id : "?v=" + encodeURIComponent(document.lastModified));
        tag.onload = function () { resolve(arrived[name]); };
        tag.onerror = function () { delete files[name]; reject(new Error(name)); };
        document.head.appendChild(tag);
      });
    }
    return files[name];
  }

  function loadCore() {
    return load("core").then(function (data) {
      if (!core) {
        core = data;
        core.fold = new Map(Object.entries(core.fold));
        vocabulary = new Map(core.words.split(" ").map(function (w, i) { return [w, i]; }));
        common = new Set(core.common.split(" "));
      }
    });
  }

  // The folding rule of loa/folding.py, applied with its own table.
  function words(text) {
    var out = [];
    var folded = "", marks = "", tones = "";
    for (var ch of text.normalize("NFC") + " ") {
      var entry = core.fold.get(ch);
      if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) {
        folded += ch;
      } else if (entry) {
        folded += entry[0];
        marks += entry[1];
        tones += entry[2];
      } else {
        if (folded) out.push([folded, tones + marks]);
        folded = marks = tones = "";
      }
    }
    return out;
  }

  function fnv1a(text) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(text);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }

  // Syllables and syllable pairs to look up. Common syllables (function
  // words) are left out when the query has others: their own postings say
  // little, and the pairs they form still count.
  function queryTerms(text) {
    var ws = words(text).slice(0, MAX_WORDS);
    var known = ws.map(function (w) { return w[0].length <= core.maxWord && vocabulary.has(w[0]); });
    var singles = ws.filter(function (w, i) { return known[i]; });
    if (singles.some(function (w) { return !common.has(w[0]); })) {
      singles = singles.filter(function (w) { return !common.has(w[0]); });
    }
    var terms = singles.map(function (w) { return { term: w[0], marks: w[1], file: "w/" + vocabulary.get(w[0]) }; });
    for (var i = 0; i + 1 < ws.length; i++) {
      if (!known[i] || !known[i + 1]) continue;
      var pair = ws[i][0] + " " + ws[i + 1][0];
      terms.push({ term: pair, marks: ws[i][1] + " " + ws[i + 1][1], file: "b/" + (fnv1a(pair) % core.pairFiles) });
    }
    var seen = new Set();
    return {
      terms: terms.filter(function (t) { return !seen.has(t.term) && seen.add(t.term); }),
      highlight: new Set(singles.map(function (w) { return w[0]; })),
      accented: ws.some(function (w) { return w[1] !== ""; })
    };
  }

  function digit(ch) { return core.digits.indexOf(ch); }

  // Decodes "term|spellings|scale|postings" (see _encode_term in loa/outputs/search.py).
  function decode(entry) {
    var parts = entry.split("|");
    var spellings = parts[1].split(",");
    var scale = 0, data = parts[3];
    for (var s = 0; s < parts[2].length; s++) scale += (digit(parts[2].charAt(s)) % 32) * Math.pow(2, 5 * s);
    var docs = [], weights = [], masks = [];
    var doc = -1;
    for (var i = 0; i < data.length;) {
      var gap = 0, shift = 0, d;
      while ((d = digit(data.charAt(i++))) >= 32) { gap += (d - 32) * Math.pow(2, shift); shift += 5; }
      doc += gap + d * Math.pow(2, shift) + 1;
      docs.push(doc);
      weights.push(digit(data.charAt(i++)) * scale);
      masks.push(spellings.length > 1 ? digit(data.charAt(i++)) : 1);
    }
    return { spellings: spellings, docs: docs, weights: weights, masks: masks };
  }

  function postings(t) {
    if (!(t.term in parsed)) {
      var entries = arrived[t.file] || [];
      var entry = entries.find(function (e) { return e.startsWith(t.term + "|"); });
      parsed[t.term] = entry ? decode(entry) : null;
    }
    return parsed[t.term];
  }

  function rank(q) {
    var scores = new Map();
    q.terms.forEach(function (t) {
      var p = postings(t);
      if (!p) return;
      var bit = p.spellings.indexOf(t.marks);
      if (bit < 0) bit = core.variants; // a rarer spelling, or none in the index
      for (var k = 0; k < p.docs.length; k++) {
        var exact = !q.accented || (p.spellings.length > 1 ? (p.masks[k] >> bit) & 1 : bit === 0);
        scores.set(p.docs[k], (scores.get(p.docs[k]) || 0) + (exact ? p.weights[k] : p.weights[k] * INEXACT));
      }
    });
    return Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
  }

  function meta(doc) {
    return load("m/" + Math.floor(doc / core.group)).then(function (group) { return group[doc % core.group]; });
  }

  function isWordChar(ch) {
    return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") || core.fold.has(ch);
  }

  // Text with the query's words wrapped in <mark>, as the explainer spells
  // them. Words are cut exactly where words() cuts them.
  function highlighted(text, wanted) {
    var fragment = document.createDocumentFragment();
    var run = "", inWord = false;
    function flush() {
      if (!run) return;
      var w = inWord ? words(run) : [];
      if (w.length === 1 && wanted.has(w[0][0])) {
        fragment.appendChild(document.createElement("mark")).textContent = run;
      } else {
        fragment.appendChild(document.createTextNode(run));
      }
      run = "";
    }
    for (var ch of text.normalize("NFC")) {
      if (isWordChar(ch) !== inWord) { flush(); inWord = !inWord; }
      run += ch;
    }
    flush();
    return fragment;
  }

  function link(url) {
    // From a folder, a directory URL opens a file listing, not the page.
    var href = root + url;
    return location.protocol === "file:" && /\/$/.test(href) ? href + "index.html" : href;
  }

  // The same card as the site's explainer lists (render.explainer_list).
  function item(m, wanted) {
    var li = document.createElement("li");
    li.className = "loa-card";
    var title = li.appendChild(document.createElement("h2"));
    title.className = "loa-card__title";
    var a = title.appendChild(document.createElement("a"));
    a.href = link(m[0]);
    a.appendChild(highlighted(m[1], wanted));
    var summary = li.appendChild(document.createElement("p"));
    summary.className = "loa-card__summary";
    summary.appendChild(highlighted(m[2], wanted));
    if (m[3].length) {
      var audiences = li.appendChild(document.createElement("p"));
      audiences.className = "loa-card__meta";
      audiences.textContent = wording(list, "for") + " " + m[3].join(", ");
    }
    return li;
  }

  function say(text) { status.textContent = text; }

  // The next SHOWN results as list items; null if a newer search started.
  function nextItems(view, id) {
    var next = view.ranked.slice(view.shown, view.shown + SHOWN);
    return Promise.all(next.map(meta)).then(function (found) {
      if (id !== latest) return null;
      view.shown += next.length;
      more.hidden = view.shown >= view.ranked.length;
      return found.filter(Boolean).map(function (m) { return item(m, view.highlight); });
    });
  }

  // Said once typing pauses: a screen reader would otherwise read out a
  // count for every letter.
  function announce(search, id) {
    var n = search.ranked.length;
    var values = { n: n.toLocaleString(locale), query: search.query.trim() };
    clearTimeout(announcer);
    announcer = setTimeout(function () {
      if (id !== latest) return;
      say(wording(status, n ? "found" : "none", values));
    }, ANNOUNCE_MS);
  }

  function remember(query) {
    try {
      var url = query.trim() ? "?q=" + encodeURIComponent(query.trim()).replace(/%20/g, "+") : location.pathname;
      history.replaceState(null, "", url);
    } catch (e) { /* some browsers refuse this for file:// pages; the search still works */ }
  }

  function search(query) {
    var id = ++latest;
    if (!query.trim()) {
      list.textContent = "";
      more.hidden = true;
      say("");
      remember("");
      return Promise.resolve();
    }
    return loadCore().then(function () {
      var q = queryTerms(query);
      var needed = Array.from(new Set(q.terms.map(function (t) { return t.file; })));
      return Promise.all(needed.map(load)).then(function () {
        if (id !== latest) return;
        var view = { query: query, ranked: rank(q), highlight: q.highlight, shown: 0 };
        return nextItems(view, id).then(function (items) {
          if (!items) return;
          current = view;
          list.replaceChildren.apply(list, items);
          list.setAttribute("data-loa-query", query);
          announce(view, id);
          remember(query);
          window.LoaSearch.last = { query: query, inputAt: inputAt, doneAt: performance.now(), results: view.ranked.length };
        });
      });
    }).catch(function () {
      if (id === latest) say(wording(status, "failed"));
    });
  }

  // Words followed by a space are finished whatever the reader types next,
  // so their files load while the next word is typed. Only the word being
  // typed waits for a pause, so partial words are not fetched letter by letter.
  function prefetch(text) {
    loadCore().then(function () {
      var end = text.length;
      while (end > 0 && isWordChar(text[end - 1])) end--;
      queryTerms(text.slice(0, end)).terms.forEach(function (t) {
        if (!common.has(t.term)) load(t.file).catch(function () { /* the search reports it */ });
      });
    }).catch(function () { /* the search reports it */ });
  }

  // A paste, dictation or autofill brings whole words at once: no reason to
  // wait for more. A key, or an input method still composing a word, may be
  // followed by another.
  function wholeWords(event) {
    return !!event && !event.isComposing && event.inputType !== "insertCompositionText" &&
      (/^insertFrom|^insertReplacement/.test(event.inputType || "") || (event.data || "").length > 1);
  }

  function schedule(event) {
    inputAt = event ? event.timeStamp : performance.now();
    clearTimeout(timer);
    if (input.value.trim()) prefetch(input.value);
    timer = setTimeout(function () { search(input.value); }, wholeWords(event) ? 0 : WAIT_MS);
  }

  // "input" covers typing, pasting, dictation and autofill alike.
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    inputAt = performance.now();
    search(input.value);
  });
  more.addEventListener("click", function () {
    if (!current) return;
    nextItems(current, latest).then(function (items) {
      if (items) items.forEach(function (li) { list.appendChild(li); });
    });
  });
  // Back/forward may restore the field without an input event.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && input.value && (!current || current.query !== input.value)) schedule();
  });

  var linked = new URLSearchParams(location.search).get("q");
  if (linked) input.value = linked;
  if (input.value.trim()) schedule();
})();
