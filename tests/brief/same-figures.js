// same-figures.js: the three renderers of one brief tree show the same figures.
// Usage: node same-figures.js brief.html brief.md brief.txt (pdftotext -layout of brief.pdf)
// From brief.html: every figure the page marks with its claim id (data-claim), and every number
// in its text (the inline charts left out). Then:
//   - each claimed figure's text is in brief.md and in the PDF's text, and no claim id is
//     marked twice with two different texts;
//   - the numbers of brief.md's text are the numbers of brief.html's text, as sets, both ways;
//   - every number in the PDF's text is in brief.html (its text or its charts), is a page
//     number ("Page 2 of 7") or is an axis tick of a chart drawn at the column's size;
//   - a claimed figure missing from the PDF is a list row past the template's row limit;
//   - brief.html's text (its charts aside) has no U+2212: a figure copied from it pastes as a
//     number.
// Prints one line per check, "ok - ..." or "FAIL - ...", and exits 1 if any failed.
'use strict';
const fs = require('fs');
const [htmlPath, mdPath, pdfPath] = process.argv.slice(2);
const html = fs.readFileSync(htmlPath, 'utf8');
const md = fs.readFileSync(mdPath, 'utf8');
const pdf = fs.readFileSync(pdfPath, 'utf8');
let failed = 0;
const ok = (m) => console.log(`ok - ${m}`);
const fail = (m, d) => {
  failed++;
  console.log(`FAIL - ${m}`);
  if (d) console.log(d.split('\n').slice(0, 25).map((l) => '    ' + l).join('\n'));
};

const entities = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
// text of a page: no style, no charts (their SVG and the words behind "The chart in words"),
// no tags; and the charts' text alone
const CHART = /<svg[\s\S]*?<\/svg>|<details>[\s\S]*?<\/details>/g;
const pageText = (h) => entities(h.replace(/<style[\s\S]*?<\/style>/g, ' ')
  .replace(CHART, ' ').replace(/<[^>]+>/g, ' '));
const svgText = (h) => entities((h.match(CHART) || []).join(' ').replace(/<[^>]+>/g, ' '));
// Markdown without its markup: links keep their text, table pipes and emphasis go
const mdText = (m) => m.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[|*_`#>]/g, ' ');

// A number as a reader sees it: "$66,430", "46th", "-1.7%", "16.9K", "2024–34", "0.8"; the true
// minus and the hyphen-minus are one sign, a thousands comma is kept
const NUM = /[−-]?\$?\d[\d,]*(?:\.\d+)?(?:%|st|nd|rd|th|K|M)?/g;
const norm = (s) => s.replace(/−/g, '-').replace(/,$/, '');
const numbers = (t) => {
  const out = new Set();
  // dates, SOC codes and version stamps are not figures: "2026-01-15", "27-4014.00", "v4"
  // and a link, or a piece of one a line broke ("5089/9798400255229.001"), is not either
  const cleaned = t.replace(/\S*\/\S*/g, ' ')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ').replace(/\b\d{2}-\d{4}(?:\.\d{2})?\b/g, ' ');
  for (const m of cleaned.matchAll(NUM)) {
    const n = norm(m[0]);
    // "-1.7%" after a letter or digit is a hyphen joining words ("role-27"): take it unsigned
    const prev = cleaned[m.index - 1] || ' ';
    out.add(/[A-Za-z0-9]/.test(prev) && n.startsWith('-') ? n.slice(1) : n);
  }
  return out;
};

// 1. the claims
const claims = new Map();
const re = /<span class="fig" data-claim="([^"]+)">([^<]*)<\/span>/g;
let twice = [];
for (const m of html.matchAll(re)) {
  // a key figure sets the true minus, prose the hyphen-minus: one figure
  const id = entities(m[1]), text = entities(m[2]).replace(/−/g, '-');
  if (claims.has(id) && claims.get(id) !== text) twice.push(`${id}: "${claims.get(id)}" and "${text}"`);
  claims.set(id, text);
}
if (claims.size > 50 && twice.length === 0) ok(`brief.html marks ${claims.size} figures, each claim with one text`);
else fail(`brief.html marks ${claims.size} figures, each claim with one text`, twice.join('\n'));

const mdPlain = mdText(md).replace(/\s+/g, ' ');
const pdfPlain = pdf.replace(/\s+/g, ' ').replace(/−/g, '-');
const missingMd = [], missingPdf = [];
// a list's rows past the template's row limit are left out of the PDF (brief.md and brief.html
// show every row): a missing row counts only when no row of its list is in the PDF
const inPdf = new Set();
for (const [id, text] of claims) if (pdfPlain.includes(text.trim())) inPdf.add(id);
const listOf = (id) => (id.match(/^(.*)\[\d+\]$/) || [])[1];
let cut = 0;
for (const [id, text] of claims) {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) continue;
  if (!mdPlain.replace(/−/g, '-').includes(t)) missingMd.push(`${id}: "${t}"`);
  if (!inPdf.has(id)) {
    const list = listOf(id);
    if (list && [...inPdf].some((k) => listOf(k) === list)) cut++;
    else missingPdf.push(`${id}: "${t}"`);
  }
}
if (missingMd.length === 0) ok(`every claimed figure of brief.html is in brief.md (${claims.size})`);
else fail(`claimed figures of brief.html missing from brief.md: ${missingMd.length}`, missingMd.join('\n'));
if (missingPdf.length === 0) ok(`every claimed figure of brief.html is in brief.pdf's text (${claims.size}; ${cut} list rows past the template's limit)`);
else fail(`claimed figures of brief.html missing from brief.pdf: ${missingPdf.length}`, missingPdf.join('\n'));

// copy and paste: the page's text (its charts aside) pastes as numbers, with no U+2212
const minus = (pageText(html).match(/.{0,20}−.{0,10}/g) || []);
if (minus.length === 0) ok('brief.html sets the hyphen-minus in its text (a figure pastes as a number)');
else fail(`brief.html sets U+2212 in its text ${minus.length} times`, minus.join('\n'));

// 2. brief.md and brief.html: the same numbers
const hNums = numbers(pageText(html)), mNums = numbers(mdText(md));
const onlyH = [...hNums].filter((n) => !mNums.has(n)), onlyM = [...mNums].filter((n) => !hNums.has(n));
if (onlyH.length === 0 && onlyM.length === 0) ok(`brief.md and brief.html show the same ${hNums.size} numbers`);
else fail('brief.md and brief.html show different numbers',
  `only in brief.html: ${onlyH.join(' ')}\nonly in brief.md: ${onlyM.join(' ')}`);

// 3. the PDF: nothing brief.html lacks
const sNums = numbers(svgText(html));
const pages = new Set();
for (const m of pdf.matchAll(/Page (\d+) of (\d+)/g)) { pages.add(m[1]); pages.add(m[2]); }
const pNums = numbers(pdf.replace(/Page \d+ of \d+/g, ' '));
// a chart drawn at the column's size has its own axis ticks: bare whole numbers up to 100
const tick = (n) => /^\d+$/.test(n) && Number(n) <= 100;
const onlyP = [...pNums].filter((n) => !hNums.has(n) && !sNums.has(n) && !pages.has(n) && !tick(n));
if (pNums.size > 50 && onlyP.length === 0) ok(`brief.pdf's ${pNums.size} numbers are all in brief.html`);
else fail(`brief.pdf shows numbers brief.html lacks (${onlyP.length} of ${pNums.size})`, onlyP.join(' '));

process.exit(failed ? 1 : 0);
