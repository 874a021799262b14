// The browser baseline of Loa's scripts, checked on their source: it must
// parse as ECMAScript 5 and use no API newer than Android 5's WebView
// (Chromium 37) beyond Promise and String.prototype.normalize.
// Usage: node baseline_check.js FILE...  Prints "FILE:LINE: what" per
// problem; exit status 1 if any. Debian's node-acorn does the parsing.
"use strict";
var fs = require("fs");
var acorn = require("/usr/share/nodejs/acorn");

// Called on objects (x.name(...)) or read as globals; all newer than the baseline.
var MEMBERS = ["replaceChildren", "closest", "append", "prepend", "startsWith", "endsWith", "includes",
  "find", "findIndex", "entries", "values", "assign", "from", "of", "imul", "padStart", "padEnd",
  "trimStart", "trimEnd", "flat", "flatMap", "replaceAll", "matchAll", "at", "fromEntries", "toggleAttribute",
  "scrollIntoViewIfNeeded", "isConnected", "getRootNode"];
var GLOBALS = ["Map", "Set", "WeakMap", "WeakSet", "Symbol", "Proxy", "Reflect", "TextEncoder", "TextDecoder",
  "URLSearchParams", "URL", "fetch", "IntersectionObserver", "ResizeObserver", "requestIdleCallback",
  "globalThis", "queueMicrotask", "structuredClone", "AbortController"];

function walk(node, visit, parent) {
  if (!node || typeof node.type !== "string") return;
  visit(node, parent);
  Object.keys(node).forEach(function (key) {
    var child = node[key];
    if (Array.isArray(child)) child.forEach(function (c) { walk(c, visit, node); });
    else if (child && typeof child.type === "string") walk(child, visit, node);
  });
}

function check(file) {
  var source = fs.readFileSync(file, "utf8");
  var problems = [];
  var ast;
  try {
    ast = acorn.parse(source, { ecmaVersion: 5, locations: true });
  } catch (e) {
    return [file + ":" + (e.loc ? e.loc.line : 0) + ": not ECMAScript 5: " + e.message];
  }
  var declared = {};
  walk(ast, function (node) {
    if (node.type === "FunctionDeclaration" && node.id) declared[node.id.name] = true;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier") declared[node.id.name] = true;
  });
  walk(ast, function (node, parent) {
    var line = node.loc.start.line;
    if (node.type === "MemberExpression" && !node.computed && MEMBERS.indexOf(node.property.name) >= 0 &&
        parent && parent.type === "CallExpression" && parent.callee === node) {
      problems.push(file + ":" + line + ": ." + node.property.name + "() is newer than the baseline");
    }
    if (node.type === "Identifier" && GLOBALS.indexOf(node.name) >= 0 && !declared[node.name] &&
        !(parent && parent.type === "MemberExpression" && parent.property === node && !parent.computed) &&
        !(parent && parent.type === "Property" && parent.key === node)) {
      problems.push(file + ":" + line + ": " + node.name + " is newer than the baseline");
    }
  });
  return problems;
}

var all = [];
process.argv.slice(2).forEach(function (file) { all = all.concat(check(file)); });
all.forEach(function (p) { console.log(p); });
process.exit(all.length ? 1 : 0);
