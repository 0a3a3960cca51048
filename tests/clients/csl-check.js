#!/usr/bin/env node
// cite.json is read by a real CSL processor: citation-js (@citation-js/core)
// with its CSL plugin (@citation-js/plugin-csl, which runs citeproc-js).
// Run by csl.sh; see tests/clients/README.md.
//
// Usage: node csl-check.js MODE NODE_MODULES CITE_JSON KEY TITLE PUBLISHER YEAR URL
//   MODE parse:  citation-js recognises the file as CSL-JSON, and every field
//                of every item survives its CSL cleaner unchanged (a field it
//                drops or rewrites is one no CSL processor will use as written).
//   MODE render: citeproc-js renders the item as an APA bibliography entry and
//                an APA in-text citation carrying the expected values.
//   MODE all:    both.
// Exit 0 when every check passes, 1 when one fails, 2 on bad usage.
'use strict';

const fs = require('fs');
const path = require('path');

const [mode, nodeModules, file, key, title, publisher, year, url] = process.argv.slice(2);
if (!['parse', 'render', 'all'].includes(mode) || url === undefined) {
  console.error('usage: node csl-check.js parse|render|all NODE_MODULES CITE_JSON KEY TITLE PUBLISHER YEAR URL');
  process.exit(2);
}

// Load from the given node_modules folder; the CSL plugin registers itself in
// the core it resolves from there, which is this same core.
const { Cite, plugins } = require(path.join(path.resolve(nodeModules), '@citation-js/core'));
require(path.join(path.resolve(nodeModules), '@citation-js/plugin-csl'));

const errors = [];
const fail = (msg) => errors.push(msg);
const text = fs.readFileSync(file, 'utf8');

function parse() {
  // The input type citation-js detects for the raw text: CSL-JSON text is
  // '@else/json', which it then parses into '@csl/list+object'.
  const detected = plugins.input.type(text);
  if (detected !== '@else/json') {
    fail(`citation-js detects the file as ${detected}, not as JSON text (@else/json)`);
    return null;
  }
  let items;
  try {
    items = plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false });
  } catch (e) {
    fail(`citation-js cannot read it as CSL-JSON: ${e.message}`);
    return null;
  }
  if (!Array.isArray(items) || items.length !== 1) {
    fail(`expected exactly one CSL item, citation-js read ${Array.isArray(items) ? items.length : typeof items}`);
    return null;
  }
  // The raw items as written (JSON.parse succeeded, or chain would have thrown).
  const raw = JSON.parse(text);
  if (!Array.isArray(raw)) fail('the top level is not an array of CSL items');
  const item = items[0];
  if (item.id !== key) fail(`id is ${JSON.stringify(item.id)}, expected ${JSON.stringify(key)}`);
  // citation-js's CSL cleaner drops fields with unknown names or values of the
  // wrong shape (a date that is not date-parts, names that are not objects, an
  // unknown type); compare field by field.
  const before = JSON.parse(JSON.stringify(Array.isArray(raw) ? raw[0] : raw));
  const cleaned = plugins.input.util.clean([JSON.parse(JSON.stringify(before))])[0] || {};
  const fields = new Set([...Object.keys(before), ...Object.keys(cleaned)]);
  for (const f of fields) {
    if (f.startsWith('_')) continue; // citation-js's own bookkeeping
    const a = JSON.stringify(before[f]);
    const b = JSON.stringify(cleaned[f]);
    if (a !== b) fail(`CSL field "${f}" is not valid CSL-JSON: citation-js turns ${a} into ${b === undefined ? '(dropped)' : b}`);
  }
  return items;
}

function render() {
  let cite;
  try {
    cite = new Cite(text);
  } catch (e) {
    fail(`citation-js cannot load the file: ${e.message}`);
    return;
  }
  const opts = (f) => ({ format: 'text', template: 'apa', lang: 'en-US', ...f });
  let bib;
  let cit;
  try {
    bib = cite.format('bibliography', opts({})).trim();
    cit = cite.format('citation', opts({})).trim();
  } catch (e) {
    fail(`citeproc-js cannot render it: ${e.message}`);
    return;
  }
  console.log(`# APA bibliography: ${bib}`);
  console.log(`# APA citation: ${cit}`);
  for (const [what, want] of [['title', title], ['publisher', publisher], ['year', year], ['URL', url]]) {
    if (!bib.includes(want)) fail(`APA bibliography entry lacks the ${what} ${JSON.stringify(want)}`);
  }
  // APA 7 for a web page with an organisation as author: "Org. (Year, Month Day)."
  if (!bib.startsWith(`${publisher}. (${year}`)) fail(`APA bibliography entry does not start with "${publisher}. (${year}"`);
  const wantCit = `(${publisher}, ${year})`;
  if (cit !== wantCit) fail(`APA citation is ${JSON.stringify(cit)}, expected ${JSON.stringify(wantCit)}`);
}

if (mode === 'parse' || mode === 'all') parse();
if (errors.length === 0 && (mode === 'render' || mode === 'all')) render();
for (const e of errors) console.log(`error: ${e}`);
process.exit(errors.length === 0 ? 0 : 1);
