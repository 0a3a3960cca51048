// web-check.js: brief.html as readers see it, in a real browser (tests/clients/README.md).
// Usage: node web-check.js [--quick] NODE_MODULES CHROMIUM SHOTS_DIR PAGE.html...
// For each page, at a phone's width (390 px) and a desktop's (1280 px), in light and dark
// colours, Chromium (driven by puppeteer-core) loads the page and axe-core checks it against
// WCAG 2.1 A and AA and axe's best practices. One line per check, "ok - ..." or
// "FAIL - ...", on stdout; exit 1 if anything failed. The checks:
//   - axe-core finds no violation (each one is printed with its rule, impact and nodes)
//   - the page does not scroll sideways (no element is wider than the screen)
//   - every chart shown is an image with a name (role="img" and a <title>), and exactly one
//     drawing of each figure shows: the phone's at 390 px, the desktop's at 1280 px
//   - every figure carrying data-claim is on screen as text (not hidden)
// A screenshot of each page at each width goes to SHOTS_DIR, to look at. --quick: the phone's
// width in light colours only (for the broken copies the check must reject).
'use strict';
const path = require('path');
const fs = require('fs');

const args = process.argv.slice(2);
const quick = args[0] === '--quick';
if (quick) args.shift();
const [nmArg, chromium, shots, ...pages] = args;
const nm = path.resolve(nmArg);
const puppeteer = require(path.join(nm, 'puppeteer-core'));
const axeSource = fs.readFileSync(path.join(nm, 'axe-core', 'axe.min.js'), 'utf8');

let failed = 0;
const ok = (name) => console.log(`ok - ${name}`);
const fail = (name, detail) => {
  failed++;
  console.log(`FAIL - ${name}`);
  if (detail) console.log(String(detail).split('\n').slice(0, 30).map((l) => '    ' + l).join('\n'));
};

const widths = [
  {name: 'phone', width: 390, height: 844, drawing: 'narrow'},
  {name: 'desktop', width: 1280, height: 900, drawing: 'wide'},
];

// Lines are kept per check and printed in order at the end.
async function checkOne(browser, file, w, scheme, log) {
  const ok = (name) => log.push(`ok - ${name}`);
  const fail = (name, detail) => {
    failed++;
    log.push(`FAIL - ${name}`);
    if (detail) log.push(String(detail).split('\n').slice(0, 30).map((l) => '    ' + l).join('\n'));
  };
  const base = path.basename(path.dirname(file)) + '/' + path.basename(file);
  {
    {
      const what = `${base} at ${w.width} px, ${scheme}`;
      const page = await browser.newPage();
      await page.setViewport({width: w.width, height: w.height});
      await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
      await page.goto('file://' + path.resolve(file), {waitUntil: 'load'});

      // no sideways scrolling, and what is wider than the screen if there is
      const wide = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > vw + 0.5 && !el.closest('.tw')) {
            out.push(`<${el.tagName.toLowerCase()} class="${el.className.baseVal ?? el.className}"> right ${Math.round(r.right)} > ${vw}`);
          }
        }
        return {scroll: document.documentElement.scrollWidth, vw, out: out.slice(0, 8)};
      });
      if (wide.scroll <= wide.vw && wide.out.length === 0) ok(`${what}: no sideways scrolling`);
      else fail(`${what}: the page scrolls sideways (${wide.scroll} px wide on a ${wide.vw} px screen)`, wide.out.join('\n'));

      // the charts: one drawing of each figure shows, and it is a named image
      const charts = await page.evaluate((drawing) => {
        const out = [];
        for (const fig of document.querySelectorAll('figure.chart')) {
          const shown = [...fig.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0);
          const named = shown.every((s) => s.getAttribute('role') === 'img' &&
            s.querySelector('title') && s.querySelector('title').textContent.trim() !== '');
          const right = shown.length === 1 && shown[0].parentElement.classList.contains(drawing);
          out.push({id: fig.id, shown: shown.length, named, right,
            width: shown.length ? Math.round(shown[0].getBoundingClientRect().width) : 0});
        }
        return out;
      }, w.drawing);
      const badCharts = charts.filter((c) => !c.named || !c.right);
      if (badCharts.length === 0) ok(`${what}: ${charts.length} charts, each shown once (the ${w.drawing} drawing) with a name`);
      else fail(`${what}: charts`, JSON.stringify(badCharts));

      // every published figure is visible text
      const hidden = await page.evaluate(() => [...document.querySelectorAll('[data-claim]')]
        .filter((e) => e.getBoundingClientRect().width === 0 && !e.closest('details'))
        .map((e) => e.getAttribute('data-claim')).slice(0, 8));
      const claims = await page.evaluate(() => document.querySelectorAll('[data-claim]').length);
      if (hidden.length === 0) ok(`${what}: ${claims} figures on screen`);
      else fail(`${what}: figures not on screen`, hidden.join('\n'));

      // axe-core: WCAG 2.1 A and AA, and best practices (in dark colours, what the colours
      // change: contrast)
      await page.addScriptTag({content: axeSource});
      const res = await page.evaluate(async (dark) => {
        const r = await window.axe.run(document, {
          runOnly: dark ? {type: 'rule', values: ['color-contrast', 'link-in-text-block']}
            : {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\n').slice(0, 3).join(' '))}));
      }, scheme === 'dark');
      if (res.length === 0) ok(`${what}: axe-core finds no ${scheme === 'dark' ? 'contrast' : 'WCAG 2.1 AA or best-practice'} violation`);
      else fail(`${what}: axe-core finds ${res.length} violations`,
        res.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ` + v.nodes.join('\n  ')).join('\n'));

      if (scheme === 'light') {
        const shot = path.join(shots, `${path.basename(path.dirname(file))}-${w.name}.png`);
        await page.screenshot({path: shot, fullPage: true});
      }
      await page.close();
    }
  }
}

(async () => {
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars'],
    });
  } catch (e) {
    fail('Chromium starts', e.message);
    process.exit(1);
  }
  try {
    const tasks = [];
    for (const p of pages)
      for (const w of quick ? widths.slice(0, 1) : widths)
        for (const scheme of quick ? ['light'] : ['light', 'dark']) tasks.push({p, w, scheme, log: []});
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const t = tasks[next++];
        await checkOne(browser, t.p, t.w, t.scheme, t.log);
      }
    };
    await worker(); // one page at a time: a page in the background is throttled
    for (const t of tasks) for (const l of t.log) console.log(l);
  } catch (e) {
    fail('the browser checks ran to the end', e.stack || e.message);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})();
