/* Loa's Khmer search page: finds Khmer explainers by Khmer words.
 *
 * Khmer is written without spaces, so a query is split into words first:
 * with Intl.Segmenter (the browser's ICU, as the build's PyICU) where it
 * exists, else, and for any word the index does not know, by the longest
 * words of the index's own vocabulary. The index (loa/outputs/khmer_search.py
 * documents it) is one <script> file loaded at the first search, so search
 * also works from a folder opened with file://. No words of its own: they
 * come from the page's data-loa-* attributes, in Khmer.
 */
(function () {
  "use strict";
  if (window.LoaKmSearch) return;

  var LONGEST = 24; // characters of the longest word tried by the fallback
  var SHOWN = 20;
  var script = document.currentScript;
  var root = script.src.replace(/assets\/loa\/km-search\.js([?#].*)?$/, "");
  var form = document.getElementById("loa-search-form");
  var input = document.getElementById("loa-search-q");
  var status = document.getElementById("loa-search-status");
  var list = document.getElementById("loa-search-results");
  var locale = document.documentElement.lang || undefined;
  var index = null;
  var loading = null;
  var vocabulary = null; // word -> its number
  var KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
  var MARK = /[\u17b6-\u17d3\u17dd]/; // vowel signs and signs: never start a word
  var COENG = "\u17d2";

  window.LoaKmSearch = {
    add: function (data) { index = data; },
    terms: function (text) { return load().then(function () { return terms(text); }); },
    // The URLs a query finds, best first, as the page shows them (for tests).
    run: function (text) { return search(text).then(function () { return window.LoaKmSearch.last.urls; }); },
    segmenter: function () { return !!segmenter(); }
  };

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + "assets/loa/km/index.js?v=" + encodeURIComponent(document.lastModified);
        tag.onload = function () {
          vocabulary = new Map(index.words.split(" ").map(function (w, i) { return [w, i]; }));
          resolve();
        };
        tag.onerror = function () { loading = null; reject(new Error("index")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  // As loa/text/khmer.py clean(): ZWSP separates words, ZWNJ and ZWJ are dropped.
  function clean(text) {
    return text.normalize("NFC").replace(/\u200b/g, " ").replace(/[\u200c\u200d\u00ad\ufeff]/g, "");
  }

  function fold(word) { // Latin words as the build folds them (folding.py)
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0111\u0110]/g, "d").toLowerCase();
  }

  function segmenter() {
    return window.Intl && typeof Intl.Segmenter === "function" ? new Intl.Segmenter("km", {granularity: "word"}) : null;
  }

  function pieces(text) {
    var seg = segmenter();
    if (seg) {
      var out = [];
      for (var s of seg.segment(text)) if (s.isWordLike) out.push(s.segment);
      return out;
    }
    return text.split(/[\s.,;:!?()"'“”«»\u17d4-\u17da]+/).filter(Boolean);
  }

  function terms(text) {
    var out = [];
    pieces(clean(text)).forEach(function (piece) {
      var runs = piece.match(/[\u1780-\u17ff\u19e0-\u19ff]+|[^\u1780-\u17ff\u19e0-\u19ff]+/g) || [];
      runs.forEach(function (run) {
        if (!KHMER.test(run)) {
          fold(run).split(/[^a-z0-9]+/).forEach(function (w) { if (w) out.push(w); });
        } else if (vocabulary.has(run)) {
          out.push(run);
        } else {
          longest(run).forEach(function (w) { out.push(w); });
        }
      });
    });
    return out;
  }

  // A word may end only where the next character starts a new cluster.
  function boundary(run, at) {
    return at >= run.length || (!MARK.test(run[at]) && run[at - 1] !== COENG && run[at] !== COENG);
  }

  // The longest words of the vocabulary, left to right; what none of them
  // covers stays one unknown word, which finds nothing.
  function longest(run) {
    var out = [], unknown = "", i = 0;
    while (i < run.length) {
      var found = "";
      for (var n = Math.min(LONGEST, run.length - i); n > 0; n--) {
        var w = run.substr(i, n);
        if (vocabulary.has(w) && boundary(run, i + n)) { found = w; break; }
      }
      if (found) {
        if (unknown) { out.push(unknown); unknown = ""; }
        out.push(found);
        i += found.length;
      } else {
        do { unknown += run[i++]; } while (i < run.length && !boundary(run, i));
      }
    }
    if (unknown) out.push(unknown);
    return out;
  }

  function rank(words) {
    var scores = new Map(), matched = new Map();
    Array.from(new Set(words)).forEach(function (w) {
      if (!vocabulary.has(w)) return;
      index.post[vocabulary.get(w)].split(" ").forEach(function (p) {
        var parts = p.split(":"), doc = +parts[0], weight = +parts[1];
        scores.set(doc, (scores.get(doc) || 0) + weight);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    return Array.from(scores.keys()).sort(function (a, b) {
      return (matched.get(b) - matched.get(a)) || (scores.get(b) - scores.get(a)) || (a - b);
    });
  }

  function wording(name, values) {
    return (status.getAttribute("data-loa-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function show(query, ranked) {
    list.textContent = "";
    ranked.slice(0, SHOWN).forEach(function (doc) {
      var d = index.docs[doc];
      var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
      var p = document.createElement("p");
      li.className = "loa-card";
      h.className = "loa-card__title";
      a.href = root + d[0];
      a.textContent = d[1];
      p.className = "loa-card__summary";
      p.textContent = d[2];
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(p);
      list.appendChild(li);
    });
    status.textContent = ranked.length ? wording("found", {n: ranked.length.toLocaleString(locale), query: query})
      : wording("none", {query: query});
  }

  function search(query) {
    query = query.trim();
    if (!query) {
      list.textContent = ""; status.textContent = ""; window.LoaKmSearch.last = {query: "", terms: [], urls: []};
      return Promise.resolve();
    }
    return load().then(function () {
      var words = terms(query);
      var ranked = rank(words);
      window.LoaKmSearch.last = {query: query, terms: words, urls: ranked.map(function (d) { return index.docs[d][0]; })};
      show(query, ranked);
    }, function () { status.textContent = wording("failed", {}); });
  }

  if (form && input) {
    form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
    input.addEventListener("input", function () { search(input.value); });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; search(q); }
  }
})();
