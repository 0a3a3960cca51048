#!/usr/bin/env node
// cite.json is read by a real CSL processor: citation-js (@citation-js/core)
// with its CSL plugin (@citation-js/plugin-csl, which runs citeproc-js).
// Run by csl.sh; see tests/clients/README.md.
//
// Usage: node csl-check.js MODE NODE_MODULES CITE_JSON KEY TITLE PUBLISHER YEAR URL [CITE_APA [CITE_RIS]]
//   MODE parse:  citation-js recognises the file as CSL-JSON, and every field
//                of every item survives its CSL cleaner unchanged (a field it
//                drops or rewrites is one no CSL processor will use as written).
//                KEY "-": any ids (one item per data set), each id unique.
//   MODE render: citeproc-js renders the single item as an APA bibliography entry and
//                an APA in-text citation carrying the expected values, and (with
//                CITE_APA) the bibliography is exactly the text of cite-apa.txt.
//   MODE apa:    citeproc-js's APA bibliography of every item is exactly CITE_APA.
//   MODE ris:    citation-js's RIS reader (@citation-js/plugin-ris) reads CITE_RIS as
//                the same items as CITE_JSON: type, title, issued, accessed (the access
//                date where readers look for it), URL, publisher; its APA rendering is
//                CITE_APA's except for names RIS cannot hold whole (a comma splits them).
//   MODE all:    parse, then render.
// Exit 0 when every check passes, 1 when one fails, 2 on bad usage.
'use strict';

const fs = require('fs');
const path = require('path');

const [mode, nodeModules, file, key, title, publisher, year, url, apaFile, risFile] = process.argv.slice(2);
if (!['parse', 'render', 'all', 'apa', 'ris'].includes(mode) || url === undefined) {
  console.error('usage: node csl-check.js parse|render|apa|ris|all NODE_MODULES CITE_JSON KEY TITLE PUBLISHER YEAR URL [CITE_APA [CITE_RIS]]');
  process.exit(2);
}

// Load from the given node_modules folder; the CSL and RIS plugins register themselves in
// the core they resolve from there, which is this same core.
const { Cite, plugins } = require(path.join(path.resolve(nodeModules), '@citation-js/core'));
require(path.join(path.resolve(nodeModules), '@citation-js/plugin-csl'));
if (mode === 'ris') require(path.join(path.resolve(nodeModules), '@citation-js/plugin-ris'));

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
  const many = key === '-';
  if (!Array.isArray(items) || items.length < 1 || (!many && items.length !== 1)) {
    fail(`expected ${many ? 'one or more CSL items' : 'exactly one CSL item'}, citation-js read ${Array.isArray(items) ? items.length : typeof items}`);
    return null;
  }
  // The raw items as written (JSON.parse succeeded, or chain would have thrown).
  const raw = JSON.parse(text);
  if (!Array.isArray(raw)) fail('the top level is not an array of CSL items');
  if (!many && items[0].id !== key) fail(`id is ${JSON.stringify(items[0].id)}, expected ${JSON.stringify(key)}`);
  const ids = new Set();
  for (const [i, item] of items.entries()) {
    if (typeof item.id !== 'string' || item.id === '') fail(`item ${i} has no id`);
    else if (ids.has(item.id)) fail(`id ${JSON.stringify(item.id)} is used twice`);
    ids.add(item.id);
    // citation-js's CSL cleaner drops fields with unknown names or values of the
    // wrong shape (a date that is not date-parts, names that are not objects, an
    // unknown type); compare field by field.
    const before = JSON.parse(JSON.stringify(Array.isArray(raw) ? raw[i] : raw));
    const cleaned = plugins.input.util.clean([JSON.parse(JSON.stringify(before))])[0] || {};
    const fields = new Set([...Object.keys(before), ...Object.keys(cleaned)]);
    for (const f of fields) {
      if (f.startsWith('_')) continue; // citation-js's own bookkeeping
      const a = JSON.stringify(before[f]);
      const b = JSON.stringify(cleaned[f]);
      if (a !== b) fail(`CSL field "${f}" of item ${i} is not valid CSL-JSON: citation-js turns ${a} into ${b === undefined ? '(dropped)' : b}`);
    }
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
  if (apaFile) sameAsApa(bib, 'cite.json');
}

const apa = (cite) => cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }).trim();

// The reader's APA is presskit's: line by line, exactly.
function sameAsApa(bib, what) {
  const want = fs.readFileSync(apaFile, 'utf8').trim();
  if (bib === want) return;
  const a = bib.split('\n');
  const b = want.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      fail(`citeproc-js's APA of ${what} differs from cite-apa.txt at reference ${i + 1}:\n  citeproc-js:  ${a[i]}\n  cite-apa.txt: ${b[i]}`);
      return;
    }
  }
}

function apaOnly() {
  let cite;
  try {
    cite = new Cite(text);
  } catch (e) {
    fail(`citation-js cannot load the file: ${e.message}`);
    return;
  }
  const bib = apa(cite);
  console.log(`# APA bibliography: ${bib.split('\n').length} references, the first: ${bib.split('\n')[0]}`);
  sameAsApa(bib, 'cite.json');
}

function ris() {
  let fromRis;
  let fromJson;
  try {
    fromJson = new Cite(text).data;
  } catch (e) {
    fail(`citation-js cannot load cite.json: ${e.message}`);
    return;
  }
  const risText = fs.readFileSync(risFile, 'utf8');
  try {
    fromRis = new Cite(risText, { forceType: '@ris/file' });
  } catch (e) {
    fail(`citation-js cannot read cite.ris: ${e.message}`);
    return;
  }
  const got = fromRis.data;
  if (got.length !== fromJson.length) {
    fail(`citation-js reads ${got.length} RIS records, cite.json has ${fromJson.length} items`);
    return;
  }
  const str = (v) => JSON.stringify(v);
  const year = (d) => (d && d['date-parts'] ? d['date-parts'][0][0] : undefined);
  const name = (n) => (n ? n.map((x) => x.literal || [x.given, x.family].filter(Boolean).join(' ')).join('; ') : undefined);
  let whole = true;
  for (const [i, j] of fromJson.entries()) {
    const r = got[i];
    const at = `RIS record ${i + 1} (${j.id})`;
    if (r.type !== j.type) fail(`${at}: type ${r.type}, cite.json says ${j.type}`);
    if (r.title !== j.title) fail(`${at}: title ${str(r.title)}, cite.json says ${str(j.title)}`);
    if (r.URL !== j.URL) fail(`${at}: URL ${str(r.URL)}, cite.json says ${str(j.URL)}`);
    if (year(r.issued) !== year(j.issued)) fail(`${at}: year ${year(r.issued)}, cite.json says ${year(j.issued)}`);
    if (str(r.accessed) !== str(j.accessed)) fail(`${at}: access date ${str(r.accessed)}, cite.json says ${str(j.accessed)}`);
    if ((r.publisher || undefined) !== (j.publisher || undefined)) fail(`${at}: publisher ${str(r.publisher)}, cite.json says ${str(j.publisher)}`);
    const author = name(j.author);
    if (author && author.includes(',')) whole = false; // RIS splits a name at its comma
    else if (name(r.author) !== author) fail(`${at}: author ${str(name(r.author))}, cite.json says ${str(author)}`);
  }
  if (whole) sameAsApa(apa(fromRis), 'cite.ris');
  console.log(`# RIS: ${got.length} records read as cite.json's items${whole ? ', APA as cite-apa.txt' : ''}`);
}

if (mode === 'parse' || mode === 'all') parse();
if (errors.length === 0 && (mode === 'render' || mode === 'all')) render();
if (mode === 'apa') apaOnly();
if (mode === 'ris') ris();
for (const e of errors) console.log(`error: ${e}`);
process.exit(errors.length === 0 ? 0 : 1);
