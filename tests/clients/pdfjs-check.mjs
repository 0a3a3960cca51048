// pdfjs-check.mjs NODE_MODULES BRIEF.pdf ALT_DIR STRUCT_TEXT: brief.pdf as pdf.js reads it
// (tests/clients/README.md, pdfjs.sh). Exit 0 when all holds, 1 with one line a failure.
//   - every page's getStructTree() is a tree (not null) under one Document;
//   - the roles a brief has are there: H1, H2, P, Table > TR > TH/TD, L > LI, Figure;
//   - the Figures' alt texts are the charts' ALT_DIR/*.alt.txt, one Figure each;
//   - getTextContent({includeMarkedContent}) puts every text run inside a marked-content
//     sequence with an MCID that the page's structure tree owns, or inside an /Artifact;
//   - poppler agrees: the text of each MCID (pdf.js's) is text of an element in STRUCT_TEXT,
//     the output of `pdfinfo -struct-text` (whitespace aside: poppler joins lines without it).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [nm, pdfPath, altDir, structTextPath] = process.argv.slice(2);
const lib = path.join(nm, "pdfjs-dist/legacy/build");
const pdfjs = await import(pathToFileURL(path.join(lib, "pdf.mjs")).href);
pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(lib, "pdf.worker.mjs")).href;

const failures = [];
const fail = (m) => failures.length < 20 && failures.push(m);
const squash = (s) => s.replace(/\s+/g, "");

const doc = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(pdfPath)), verbosity: 0,
  disableFontFace: true, useSystemFonts: false, isEvalSupported: false,
}).promise;

const roles = new Map();
const alts = [];
const mcText = new Map(); // MCID content id -> its text, in content order
let runs = 0, artifactRuns = 0;
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const tree = await page.getStructTree();
  const owned = new Set();
  if (!tree) {
    fail(`page ${n}: getStructTree() is null`);
  } else {
    const top = (tree.children || []).filter((c) => c.role);
    if (top.length !== 1 || top[0].role !== "Document")
      fail(`page ${n}: the tree's root holds ${top.map((c) => c.role).join(", ") || "nothing"}, not one Document`);
    const walk = (node) => {
      if (node.type === "content") {
        if (owned.has(node.id)) fail(`page ${n}: ${node.id} owned twice`);
        owned.add(node.id);
        return;
      }
      if (!node.role) return;
      roles.set(node.role, (roles.get(node.role) || 0) + 1);
      if (node.role === "Figure") alts.push(node.alt || "");
      for (const c of node.children || []) walk(c);
    };
    for (const c of tree.children || []) walk(c);
  }
  const tc = await page.getTextContent({ includeMarkedContent: true });
  const stack = []; // {artifact, id}
  for (const it of tc.items) {
    if (it.type === "beginMarkedContent" || it.type === "beginMarkedContentProps") {
      stack.push({ artifact: it.tag === "Artifact", id: it.type === "beginMarkedContentProps" ? it.id : null });
      continue;
    }
    if (it.type === "endMarkedContent") {
      if (!stack.pop()) fail(`page ${n}: EMC without BDC/BMC`);
      continue;
    }
    if (typeof it.str !== "string" || !it.str.trim()) continue;
    runs++;
    if (stack.some((m) => m.artifact)) { artifactRuns++; continue; }
    const id = [...stack].reverse().find((m) => m.id)?.id;
    if (!id) { fail(`page ${n}: text "${it.str}" is in neither the structure nor an artifact`); continue; }
    if (tree && !owned.has(id)) fail(`page ${n}: text "${it.str}" is in ${id}, which no element owns`);
    mcText.set(id, (mcText.get(id) || "") + it.str);
  }
  if (stack.length) fail(`page ${n}: ${stack.length} marked-content sequences left open`);
  page.cleanup();
}

for (const r of ["Document", "H1", "H2", "P", "Table", "TR", "TH", "TD", "L", "LI", "Figure"])
  if (!roles.has(r)) fail(`no ${r} element in any page's structure tree`);

const want = fs.readdirSync(altDir).filter((f) => f.endsWith(".alt.txt")).sort()
  .map((f) => [f, fs.readFileSync(path.join(altDir, f), "utf8").replace(/\n$/, "")]);
const left = [...alts];
for (const [f, text] of want) {
  const i = left.indexOf(text);
  if (i < 0) fail(`no Figure has the alt text of ${f}: "${text.slice(0, 60)}..."`);
  else left.splice(i, 1);
}
for (const a of left) fail(`a Figure's alt text is no chart's .alt.txt: "${a.slice(0, 80)}"`);

// poppler: the words of each MCID are inside an element of pdfinfo -struct-text
const st = squash(fs.readFileSync(structTextPath, "utf8").split("\n")
  .map((l) => l.match(/^\s*"(.*)"\s*$/)).filter(Boolean).map((m) => m[1]).join(""));
let inPoppler = 0;
for (const [id, text] of mcText) {
  if (st.includes(squash(text))) inPoppler++;
  else fail(`poppler -struct-text has no element with the text of ${id}: "${text.slice(0, 60)}"`);
}
if (!mcText.size) fail("no text in the structure at all");

if (failures.length) {
  for (const f of failures) console.log(f);
  process.exit(1);
}
const count = (r) => roles.get(r) || 0;
console.log(`${doc.numPages} pages, ${runs} text runs (${artifactRuns} artifacts, the rest in ${mcText.size} ` +
  `marked-content sequences, each in poppler's tree); elements in the pages' trees: H1 ${count("H1")}, H2 ${count("H2")}, P ${count("P")}, ` +
  `Table ${count("Table")}, TR ${count("TR")}, TH ${count("TH")}, TD ${count("TD")}, L ${count("L")}, ` +
  `LI ${count("LI")}, Figure ${alts.length} with the ${want.length} charts' alt texts`);
