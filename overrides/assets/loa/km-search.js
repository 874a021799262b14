/* Loa's Khmer search page: finds Khmer explainers by Khmer words.
 *
 * Khmer is written without spaces, so a query is split into words first.
 * The index's words are ICU's (PyICU at build time); a query is read by the
 * longest of those words, left to right, and Intl.Segmenter (the browser's
 * ICU) decides how far a stretch the index does not know reaches, so an
 * unknown word stays one word that finds nothing instead of falling apart
 * into common syllables. Not Intl.Segmenter first: Chromium's Khmer
 * dictionary splits differently from the build's (it cuts មង្គលការ into
 * មង្គល + ការ), and its words would miss the index's. Without Intl.Segmenter
 * an unknown stretch ends where a known word starts. The index
 * (loa/outputs/khmer_search.py documents it) is one <script> file loaded at
 * the first search, so search also works from a folder opened with file://.
 * No words of its own: they come from the page's data-loa-* attributes.
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
          vocabulary = Object.create(null); // word -> its postings' position (ES5: no Map)
          index.words.split(" ").forEach(function (w, i) { vocabulary[w] = i; });
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
    return text.split(/[\s.,;:!?()"'“”«»\u17d4-\u17da]+/).filter(Boolean);
  }

  // Where Intl.Segmenter ends words in a run of Khmer, or null without it.
  function ends(run) {
    var seg = segmenter();
    if (!seg) return null;
    var out = Object.create(null);
    // Segment by segment with containing(), not an iterator: the walk stays ES5.
    var segments = seg.segment(run);
    for (var at = 0; at < run.length;) {
      var piece = segments.containing(at);
      at = piece.index + piece.segment.length;
      out[at] = true;
    }
    return out;
  }

  function terms(text) {
    var out = [];
    pieces(clean(text)).forEach(function (piece) {
      var runs = piece.match(/[\u1780-\u17ff\u19e0-\u19ff]+|[^\u1780-\u17ff\u19e0-\u19ff]+/g) || [];
      runs.forEach(function (run) {
        if (!KHMER.test(run)) {
          fold(run).split(/[^a-z0-9]+/).forEach(function (w) { if (w) out.push(w); });
        } else if (run in vocabulary) {
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

  function known(run, i) {
    for (var n = Math.min(LONGEST, run.length - i); n > 0; n--) {
      var w = run.substr(i, n);
      if (w in vocabulary && boundary(run, i + n)) return w;
    }
    return "";
  }

  // The longest words of the vocabulary, left to right; what none of them
  // covers stays one unknown word, which finds nothing. An unknown stretch
  // runs to the segmenter's next word end, else to the next known word.
  function longest(run) {
    var out = [], unknown = "", i = 0, wordEnds = ends(run);
    while (i < run.length) {
      var found = unknown && wordEnds ? "" : known(run, i);
      if (found) {
        if (unknown) { out.push(unknown); unknown = ""; }
        out.push(found);
        i += found.length;
        continue;
      }
      do { unknown += run[i++]; } while (i < run.length && !boundary(run, i));
      if (wordEnds && wordEnds[i]) { out.push(unknown); unknown = ""; }
    }
    if (unknown) out.push(unknown);
    return out;
  }

  // Words of the index that hold an unknown word whole: ICU keeps some
  // compounds as one word (ធ្វើទារុណកម្ម, "to torture"), so ទារុណកម្ម alone
  // is in no list. Only for words long enough not to be a mere syllable.
  var CONTAINED = 5; // code points
  var CONTAINED_WEIGHT = 0.5;
  function containing(word) {
    if (!KHMER.test(word) || word.length < CONTAINED) return [];
    return Object.keys(vocabulary).filter(function (w) {
      var at = w.indexOf(word);
      return at >= 0 && w !== word && boundary(w, at) && boundary(w, at + word.length);
    });
  }

  function rank(words) {
    var scores = {}, matched = {}, seen = {};
    words.forEach(function (w) {
      if (seen["w" + w]) return; // each word of the query once
      seen["w" + w] = true;
      var found = {}; // doc -> weight, for this word of the query
      var lists = w in vocabulary ? [[w, 1]] : containing(w).map(function (c) { return [c, CONTAINED_WEIGHT]; });
      lists.forEach(function (pair) {
        index.post[vocabulary[pair[0]]].split(" ").forEach(function (p) {
          var parts = p.split(":"), doc = +parts[0], weight = +parts[1] * pair[1];
          found[doc] = Math.max(found[doc] || 0, weight);
        });
      });
      Object.keys(found).forEach(function (doc) {
        scores[doc] = (scores[doc] || 0) + found[doc];
        matched[doc] = (matched[doc] || 0) + 1;
      });
    });
    return Object.keys(scores).map(Number).sort(function (a, b) {
      return (matched[b] - matched[a]) || (scores[b] - scores[a]) || (a - b);
    });
  }

  // A query-string value (ES5: no URLSearchParams); "+" is a space, as forms send it.
  function param(name) {
    var m = new RegExp("[?&]" + name + "=([^&]*)").exec(window.location.search);
    if (!m) return "";
    try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return ""; }
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
      // From a folder (file://) a folder address shows a file listing: name the page.
      a.href = root + d[0] + (location.protocol === "file:" ? "index.html" : "");
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
    var q = param("q");
    if (q) { input.value = q; search(q); }
  }
})();
