/* Loa search page: finds explainers however Vietnamese is typed.
 *
 * The index is built by loa/outputs/search.py, which documents its format.
 * Index files are <script> tags that call LoaSearch.add(name, data), because
 * the site must also work from a folder (file://), where fetch() is refused.
 * Nothing is loaded until the reader searches; then only the files for the
 * words of the query, and the titles of the results that are shown.
 *
 * Browser baseline (the same for every script in assets/loa): ECMAScript 5
 * plus Promise and String.prototype.normalize, as in Android 5's WebView
 * (Chromium 37). No Map, Set, for...of, arrow functions, TextEncoder,
 * URLSearchParams, replaceChildren or optional chaining;
 * tests/test_browser_baseline.py checks it.
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
  // A search is answered well when its best result holds at least half of
  // the query's own words; otherwise the help box shows the ways forward.
  var COVERED = 0.5;

  var script = document.currentScript;
  var root = script.src.replace(/assets\/loa\/search\.js([?#].*)?$/, "");
  var base = root + "assets/loa/search/";
  // Changes with the explainers (see search_page.py), so a cached core.js of
  // another build is never used, whatever headers the server sends.
  var indexKey = script.getAttribute("data-loa-index") || "";
  var form = document.getElementById("loa-search-form");
  var input = document.getElementById("loa-search-q");
  var status = document.getElementById("loa-search-status");
  var list = document.getElementById("loa-search-results");
  var more = document.getElementById("loa-search-more");
  var help = document.getElementById("loa-search-help");
  var suggestion = document.getElementById("loa-search-suggest");
  var alsoLine = document.getElementById("loa-search-also");
  // The words come from the page (data-loa-* on the status line and the
  // list), in the page's language; "{n}" and "{query}" are filled here.
  var locale = document.documentElement.lang || undefined;
  function wording(el, name, values) {
    return (el.getAttribute("data-loa-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return values && values.hasOwnProperty(key) ? values[key] : all;
    });
  }

  var files = {}; // name -> Promise of the data the file registered
  var arrived = {}; // name -> data, filled by LoaSearch.add
  var parsed = {}; // term -> decoded postings
  var core = null;
  var vocabulary = null; // folded syllable -> its number
  var filler = null; // folded syllable -> true: common in the index, or a small word of questions
  var common = null; // folded syllable -> true: common in the index
  var latest = 0; // number of the latest search; older ones are dropped
  var timer = 0;
  var announcer = 0;
  var inputAt = 0;
  var current = null; // the shown search: {query, ranked, strong, highlight, shown}

  window.LoaSearch = {
    add: function (name, data) { arrived[name] = data; },
    // The folding rule as this page applies it; tests compare it with Python's.
    words: function (text) { return loadCore().then(function () { return words(text); }); },
    last: null // timings of the last search, for benchmarks and tests
  };

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function setOf(items) {
    var out = {};
    for (var i = 0; i < items.length; i++) if (items[i]) out[items[i]] = true;
    return out;
  }

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        // The build id keeps a cached file of an older build from mixing in.
        tag.src = base + name + ".js?v=" + encodeURIComponent(core ? core.id : indexKey);
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
        vocabulary = {};
        var all = core.words.split(" ");
        for (var i = 0; i < all.length; i++) if (all[i]) vocabulary[all[i]] = i;
        common = setOf(core.common.split(" "));
        filler = setOf(core.common.split(" "));
        var small = words(list.getAttribute("data-loa-filler") || "");
        for (var k = 0; k < small.length; k++) filler[small[k][0]] = true;
      }
    });
  }

  function nfc(text) { return text.normalize ? text.normalize("NFC") : text; }

  // The folding rule of loa/text/folding.py, applied with its own table.
  function words(text) {
    var out = [];
    var folded = "", marks = "", tones = "";
    text = nfc(text) + " ";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var entry = has(core.fold, ch) ? core.fold[ch] : null;
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

  // The low 32 bits of a * b, as Math.imul (newer than the baseline) gives.
  function mul32(a, b) {
    var low = (a & 0xffff) * b;
    var high = (((a >>> 16) * b) & 0xffff) * 65536;
    return (low + high) >>> 0;
  }

  // 32-bit FNV-1a, as search.py computes it over UTF-8 bytes; the terms it
  // hashes are folded, so plain ASCII, one byte a character.
  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) h = mul32((h ^ text.charCodeAt(i)) >>> 0, 0x01000193);
    return h;
  }

  function known(w) { return w[0].length <= core.maxWord && has(vocabulary, w[0]); }

  // Syllables and syllable pairs to look up. The index's common syllables
  // are left out when the query has others: their own postings say little,
  // and the pairs they form still count. The query's own words ("content")
  // are the known ones that are not small words ("bị", "thì"): they are
  // highlighted, and how many a result holds says whether it answers.
  // (Leaving the small words out of the ranking too cost real questions
  // recall@5: 0.675 -> 0.662.)
  // The thesaurus's rules (content/thesaurus.yml) that a query's words
  // fire, longest phrases first, each query word in one phrase at most. A
  // phrase of one syllable fires only spelled exactly: "luong" could be
  // "lương" or "lượng". -> {spans: [[start, length]], also: [phrases]}
  function expansions(ws) {
    var used = [], spans = [], also = [], i, k;
    for (var r = 0; r < core.thesaurus.length; r++) {
      var folded = core.thesaurus[r][0].split(" "), marks = core.thesaurus[r][1].split(" ");
      for (i = 0; i + folded.length <= ws.length; i++) {
        var fits = true;
        for (k = 0; k < folded.length && fits; k++) fits = !used[i + k] && ws[i + k][0] === folded[k];
        if (!fits || (folded.length === 1 && ws[i][1] !== marks[0])) continue;
        for (k = 0; k < folded.length; k++) used[i + k] = true;
        spans.push([i, folded.length]);
        var targets = core.thesaurus[r][2];
        for (k = 0; k < targets.length; k++) if (also.indexOf(targets[k]) < 0) also.push(targets[k]);
      }
    }
    return { spans: spans, also: also, used: used };
  }

  function queryTerms(text) {
    var ws = words(text).slice(0, MAX_WORDS);
    var isKnown = [], singles = [], rare = [], content = [], unknown = [], pairs = {}, i, k;
    for (i = 0; i < ws.length; i++) {
      isKnown.push(known(ws[i]));
      if (isKnown[i]) singles.push(ws[i]);
      if (isKnown[i] && !has(common, ws[i][0])) rare.push(ws[i]);
      if (!has(filler, ws[i][0])) (isKnown[i] ? content : unknown).push(ws[i]);
    }
    var ranked = rare.length ? rare : singles;
    var terms = [], seen = {};
    // A term the reader typed keeps its full weight even if the thesaurus adds it too.
    function add(term, marks, file, factor) {
      if (!has(seen, term)) { seen[term] = terms.length; terms.push({ term: term, marks: marks, file: file, factor: factor }); }
      else if (terms[seen[term]].factor < factor) terms[seen[term]].factor = factor;
    }
    function addPairs(list, factor) {
      for (var j = 0; j + 1 < list.length; j++) {
        if (!known(list[j]) || !known(list[j + 1])) continue;
        var pair = list[j][0] + " " + list[j + 1][0];
        pairs[pair] = true;
        add(pair, list[j][1] + " " + list[j + 1][1], "b/" + (fnv1a(pair) % core.pairFiles), factor);
      }
    }
    for (i = 0; i < ranked.length; i++) add(ranked[i][0], ranked[i][1], "w/" + vocabulary[ranked[i][0]], 1);
    addPairs(ws, 1);
    var fired = expansions(ws), highlight = {}, units = [];
    // What a result should hold to answer: each of the reader's own words,
    // or, for a phrase the thesaurus knows, any word of what it stands for.
    // highlight: folded word -> true (any spelling: the reader's own), or
    // the marks of the one spelling the thesaurus added ("thương", not "thường").
    for (i = 0; i < ws.length; i++) {
      var w = ws[i];
      if (!known(w) || has(filler, w[0])) continue;
      if (!fired.used[i] && highlight[w[0]] !== true) units.push([w[0]]);
      highlight[w[0]] = true;
    }
    for (i = 0; i < fired.also.length; i++) {
      var added = words(fired.also[i]), unit = [];
      for (k = 0; k < added.length; k++) {
        if (!known(added[k])) continue;
        if (!has(common, added[k][0])) add(added[k][0], added[k][1], "w/" + vocabulary[added[k][0]], core.also);
        if (has(filler, added[k][0])) continue;
        if (!has(highlight, added[k][0])) highlight[added[k][0]] = added[k][1];
        unit.push(added[k][0]);
      }
      addPairs(added, core.also);
      if (unit.length) units.push(unit);
    }
    var accented = false;
    for (i = 0; i < ws.length; i++) if (ws[i][1] !== "") accented = true;
    return { terms: terms, highlight: highlight, pairs: pairs, accented: accented, units: units,
             content: units.length, unknown: unknown, words: ws, also: fired.also };
  }

  function digit(ch) { return core.digits.indexOf(ch); }

  // Reads the explainer number after doc from data at i (a gap varint, see
  // _varint in loa/outputs/search.py): [doc, where the varint ends].
  function gapAt(data, i, doc) {
    var gap = 0, shift = 0, d;
    while ((d = digit(data.charAt(i++))) >= 32) { gap += (d - 32) * Math.pow(2, shift); shift += 5; }
    return [doc + gap + d * Math.pow(2, shift) + 1, i];
  }

  // Decodes "term|spellings|scale|postings|titles" (see _encode_term in loa/outputs/search.py).
  function decode(entry) {
    var parts = entry.split("|");
    var spellings = parts[1].split(",");
    var scale = 0, data = parts[3], titles = parts[4] || "";
    for (var s = 0; s < parts[2].length; s++) scale += (digit(parts[2].charAt(s)) % 32) * Math.pow(2, 5 * s);
    var docs = [], weights = [], masks = [], shares = {};
    var at = [-1, 0];
    while (at[1] < data.length) {
      at = gapAt(data, at[1], at[0]);
      docs.push(at[0]);
      weights.push(digit(data.charAt(at[1]++)) * scale);
      masks.push(spellings.length > 1 ? digit(data.charAt(at[1]++)) : 1);
    }
    at = [-1, 0];
    while (at[1] < titles.length) {
      at = gapAt(titles, at[1], at[0]);
      shares[at[0]] = digit(titles.charAt(at[1]++));
    }
    return { spellings: spellings, docs: docs, weights: weights, masks: masks, shares: shares };
  }

  function postings(t) {
    if (!has(parsed, t.term)) {
      var entries = arrived[t.file] || [], entry = null;
      for (var i = 0; i < entries.length && !entry; i++) {
        if (entries[i].indexOf(t.term + "|") === 0) entry = entries[i];
      }
      parsed[t.term] = entry ? decode(entry) : null;
    }
    return parsed[t.term];
  }

  // Explainers by score, best first, with each one's score and how many of
  // the query's own words it holds.
  function rank(q) {
    var scores = {}, cover = {}, docs = [];
    for (var n = 0; n < q.terms.length; n++) {
      var t = q.terms[n], p = postings(t);
      if (!p) continue;
      var bit = p.spellings.indexOf(t.marks);
      if (bit < 0) bit = core.variants; // a rarer spelling, or none in the index
      for (var k = 0; k < p.docs.length; k++) {
        var d = p.docs[k];
        var exact = !q.accented || (p.spellings.length > 1 ? (p.masks[k] >> bit) & 1 : bit === 0);
        if (!has(scores, d)) { scores[d] = 0; docs.push(d); }
        scores[d] += (exact ? p.weights[k] : p.weights[k] * INEXACT) * t.factor;
      }
      if (t.factor !== 1) continue;
      for (var s in p.shares) {
        if (has(p.shares, s)) cover[s] = (has(cover, s) ? cover[s] : 0) + p.shares[s];
      }
    }
    // Title coverage (see TITLE_BOOST in loa/outputs/search.py): the share of
    // an explainer's title that the reader's own syllables hold raises it.
    for (var c in cover) {
      if (has(cover, c) && has(scores, c)) scores[c] *= 1 + core.titleBoost * Math.min(core.levels, cover[c]) / core.levels;
    }
    docs.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var best = docs.length ? scores[docs[0]] : 0, strong = 0;
    while (strong < docs.length && scores[docs[strong]] >= core.strong * best) strong++;
    return { docs: docs, scores: scores, strong: strong, covered: docs.length ? covered(q, docs[0]) : 0 };
  }

  // How many of the query's units (see queryTerms) an explainer holds.
  function covered(q, doc) {
    var held = 0;
    for (var u = 0; u < q.units.length; u++) {
      for (var i = 0; i < q.units[u].length; i++) {
        var p = postings({ term: q.units[u][i], file: "w/" + vocabulary[q.units[u][i]] });
        if (p && p.docs.indexOf(doc) >= 0) { held++; break; }
      }
    }
    return held;
  }

  function meta(doc) {
    return load("m/" + Math.floor(doc / core.group)).then(function (group) { return group[doc % core.group]; });
  }

  function isWordChar(ch) {
    return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") || has(core.fold, ch);
  }

  // Text with the query's words wrapped in <mark>, as the explainer spells
  // them; words are cut exactly where words() cuts them. A small word is
  // marked only beside a word it forms one of the query's pairs with.
  function highlighted(text, view) {
    var runs = [], run = "", inWord = false, i;
    text = nfc(text);
    for (i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (isWordChar(ch) !== inWord) { if (run) runs.push({ text: run, word: inWord }); run = ""; inWord = !inWord; }
      run += ch;
    }
    if (run) runs.push({ text: run, word: inWord });
    var folded = [];
    for (i = 0; i < runs.length; i++) {
      var w = runs[i].word ? words(runs[i].text) : [];
      runs[i].folded = w.length === 1 ? w[0][0] : null;
      runs[i].marks = w.length === 1 ? w[0][1] : null;
      if (runs[i].folded !== null) folded.push(i);
    }
    function paired(a, b) { return a !== undefined && b !== undefined && has(view.pairs, runs[a].folded + " " + runs[b].folded); }
    for (var k = 0; k < folded.length; k++) {
      var r = runs[folded[k]];
      var wanted = has(view.highlight, r.folded) ? view.highlight[r.folded] : false;
      r.mark = wanted === true || (wanted !== false && wanted === r.marks) ||
        (has(filler, r.folded) && (paired(folded[k - 1], folded[k]) || paired(folded[k], folded[k + 1])));
    }
    var fragment = document.createDocumentFragment();
    for (i = 0; i < runs.length; i++) {
      if (runs[i].mark) fragment.appendChild(document.createElement("mark")).textContent = runs[i].text;
      else fragment.appendChild(document.createTextNode(runs[i].text));
    }
    return fragment;
  }

  function link(url) {
    // From a folder, a directory URL opens a file listing, not the page.
    // A glossary term's address names a section (thuat-ngu/#giam-ho): index.html goes before it.
    var href = root + url;
    return location.protocol === "file:" ? href.replace(/\/(#|$)/, "/index.html$1") : href;
  }

  // The same card as the site's explainer lists (templates/macros.html).
  function item(m, view) {
    var li = document.createElement("li");
    li.className = "loa-card";
    var title = li.appendChild(document.createElement("h2"));
    title.className = "loa-card__title";
    var a = title.appendChild(document.createElement("a"));
    a.href = link(m[0]);
    a.appendChild(highlighted(m[1], view));
    var summary = li.appendChild(document.createElement("p"));
    summary.className = "loa-card__summary";
    summary.appendChild(highlighted(m[2], view));
    if (m[3].length) {
      var audiences = li.appendChild(document.createElement("p"));
      audiences.className = "loa-card__meta";
      audiences.textContent = wording(list, "for") + " " + m[3].join(", ");
    }
    return li;
  }

  function say(text) { status.textContent = text; }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  // The next results as list items: the strong ones first, then SHOWN more
  // at each "Xem thêm"; null if a newer search started.
  function nextItems(view, id) {
    var step = view.shown === 0 ? Math.max(1, Math.min(SHOWN, view.strong)) : SHOWN;
    var next = view.ranked.slice(view.shown, view.shown + step);
    return Promise.all(next.map(meta)).then(function (found) {
      if (id !== latest) return null;
      view.shown += next.length;
      more.hidden = view.shown >= view.ranked.length;
      var items = [];
      for (var i = 0; i < found.length; i++) if (found[i]) items.push(item(found[i], view));
      return items;
    });
  }

  // Said once typing pauses: a screen reader would otherwise read out a
  // count for every letter.
  function announce(view, id) {
    var n = view.ranked.length;
    var values = { n: n.toLocaleString(locale), query: view.query.replace(/^\s+|\s+$/g, ""),
                   shown: view.shown.toLocaleString(locale), more: more.textContent.replace(/^\s+|\s+$/g, "") };
    var name = !n ? "none" : view.shown < n ? "found-strong" : "found";
    clearTimeout(announcer);
    announcer = setTimeout(function () {
      if (id === latest) say(wording(status, name, values));
    }, ANNOUNCE_MS);
  }

  function remember(query) {
    try {
      var url = query ? "?q=" + encodeURIComponent(query).replace(/%20/g, "+") : location.pathname;
      history.replaceState(null, "", url);
    } catch (e) { /* some browsers refuse this for file:// pages; the search still works */ }
  }

  // Edit distance of two folded words (a letter added, dropped, changed or
  // two swapped, as thumbs do), or more than `limit` once it is sure.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // The site's own word nearest to one it does not have: one letter off, or
  // two for longer words; common syllables win ties (they are the likelier).
  function nearest(word) {
    var limit = word.length >= 5 ? 2 : 1, best = null, bestScore = limit + 1;
    for (var w in vocabulary) {
      if (!has(vocabulary, w)) continue;
      var d = distance(word, w, limit) - (has(common, w) ? 0.5 : 0);
      if (d < bestScore) { best = w; bestScore = d; }
    }
    return best;
  }

  // "Did you mean": the query with each word the site lacks replaced by the
  // nearest word it has; "" when there is nothing to offer.
  function suggest(q) {
    if (!q.unknown.length) return "";
    var out = [], changed = false;
    for (var i = 0; i < q.words.length; i++) {
      var w = q.words[i][0];
      var better = !known(q.words[i]) && !has(filler, w) && w.length > 1 ? nearest(w) : null;
      out.push(better || w);
      if (better) changed = true;
    }
    return changed ? out.join(" ") : "";
  }

  // The help box: hotline and topics when no result answers well, and a
  // spelling the site has when a word was not found.
  function showHelp(q, found) {
    var weak = !found.docs.length || (q.content > 1 && found.covered < COVERED * q.content) || q.unknown.length > 0;
    help.hidden = !weak;
    var offer = weak ? suggest(q) : "";
    suggestion.hidden = !offer;
    // The link is made only when offered: until then the results are the
    // first links of the page.
    var place = suggestion.querySelector("span");
    clear(place);
    if (!offer) return;
    var target = place.appendChild(document.createElement("a"));
    target.textContent = offer;
    target.href = "?q=" + encodeURIComponent(offer).replace(/%20/g, "+");
  }

  function search(typed) {
    var id = ++latest;
    var query = typed.replace(/^\s+|\s+$/g, "");
    if (!query) {
      clear(list);
      more.hidden = true;
      help.hidden = true;
      suggestion.hidden = true;
      alsoLine.hidden = true;
      say("");
      remember("");
      return Promise.resolve();
    }
    return loadCore().then(function () {
      var q = queryTerms(query), needed = [], seen = {};
      for (var i = 0; i < q.terms.length; i++) {
        if (!has(seen, q.terms[i].file)) { seen[q.terms[i].file] = true; needed.push(q.terms[i].file); }
      }
      return Promise.all(needed.map(load)).then(function () {
        if (id !== latest) return;
        var found = rank(q);
        var view = { query: typed, ranked: found.docs, strong: found.strong, highlight: q.highlight,
                     pairs: q.pairs, shown: 0 };
        return nextItems(view, id).then(function (items) {
          if (!items) return;
          current = view;
          clear(list);
          for (var k = 0; k < items.length; k++) list.appendChild(items[k]);
          list.setAttribute("data-loa-query", typed);
          showHelp(q, found);
          // The words the thesaurus added, apart from the reader's own.
          alsoLine.hidden = !q.also.length;
          alsoLine.querySelector("span").textContent = q.also.join(", ");
          announce(view, id);
          remember(query);
          window.LoaSearch.last = { query: typed, inputAt: inputAt, doneAt: performance.now(),
                                    results: view.ranked.length, shown: view.shown };
        });
      });
    }).then(null, function () {
      if (id === latest) say(wording(status, "failed"));
    });
  }

  // Words followed by a space are finished whatever the reader types next,
  // so their files load while the next word is typed. Only the word being
  // typed waits for a pause, so partial words are not fetched letter by letter.
  function prefetch(text) {
    loadCore().then(function () {
      var end = text.length;
      while (end > 0 && isWordChar(text.charAt(end - 1))) end--;
      var terms = queryTerms(text.slice(0, end)).terms;
      for (var i = 0; i < terms.length; i++) load(terms[i].file).then(null, function () { /* the search reports it */ });
    }).then(null, function () { /* the search reports it */ });
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
    if (input.value.replace(/\s+/g, "")) prefetch(input.value);
    timer = setTimeout(function () { search(input.value); }, wholeWords(event) ? 0 : WAIT_MS);
  }

  // "Xem thêm": the new results are appended and said; focus stays on the
  // button, or moves to the first new result when the button goes away.
  function showMore() {
    if (!current) return;
    var view = current;
    nextItems(view, latest).then(function (items) {
      if (!items || !items.length) return;
      for (var i = 0; i < items.length; i++) list.appendChild(items[i]);
      clearTimeout(announcer);
      say(wording(status, "added", { n: items.length.toLocaleString(locale) }));
      if (more.hidden) items[0].querySelector("a").focus();
    });
  }

  function linkedQuery() {
    var match = /[?&]q=([^&#]*)/.exec(location.search);
    if (!match) return "";
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }

  // "input" covers typing, pasting, dictation and autofill alike.
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    inputAt = performance.now();
    search(input.value);
  });
  more.addEventListener("click", showMore);
  suggestion.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || target.nodeName !== "A") return;
    event.preventDefault();
    input.value = target.textContent;
    inputAt = performance.now();
    search(input.value);
    input.focus();
  });
  // Back/forward may restore the field without an input event.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && input.value && (!current || current.query !== input.value)) schedule();
  });

  var linked = linkedQuery();
  if (linked) input.value = linked;
  if (input.value.replace(/\s+/g, "")) schedule();
})();
