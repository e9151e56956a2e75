// Reader speed in Chromium, Framelens beside Recogito's text annotator (@recogito/text-annotator, its
// default renderer) on the same generated article and annotations, in alternating runs. For each size:
//   open   click → the frame after the text is painted with its highlights;
//   full   click → the main thread quiet again (no task over 50 ms for half a second);
//   tag    Framelens: the key that applies a tag in the picker → the frame after the new highlight is
//          painted; Recogito: addAnnotation → the frame after its highlight is drawn;
//   scroll top to end in 240 frames (a step per frame): long tasks on the way, frame time p95 and max;
//   DOM    elements in the page after the open and at the end of the scroll;
//   heap   JS heap after the open, after a forced garbage collection.
// Both tools run in a static page with their data in memory (Framelens: the reader harness with an
// in-memory API), so neither pays for a server. Sizes as arguments: `300k/2k 1M/10k 3M/30k` (the default);
// `--runs N` runs per tool and size (default 3). Prints figures; it does not pass or fail on time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { syntheticArticle, syntheticTags } from './reader/synthetic.ts';
import { armTagProbe, countNodes, measureOpen, measureScroll, recogitoTag, selectPassage, type Selectors } from './reader/probes.ts';
import { serveDir } from './reader/staticServer.ts';
import { splitBlocks } from '../../renderer/src/reader/blocks.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_SIZES = ['300k/2k', '1M/10k', '3M/30k'];
const TAG_RUNS = 5;
const SCROLL_STEPS = 240;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

type Log = (line: string) => void;
type Tool = 'Framelens' | 'Recogito';
type Size = { chars: number; annotations: number; label: string };

const SELECTORS: Record<Tool, Selectors> = {
  Framelens: { open: '[data-testid="open-article"]', root: '[data-testid="reader-text"]', mark: '[data-annotation-ids]', scroller: '.fl-scroll' },
  Recogito: { open: '[data-testid="open-article"]', root: '#text', mark: '.r6o-annotation', scroller: '#scroll' },
};

function chromiumPath(): string {
  const fromEnv = process.env.FRAMELENS_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FRAMELENS_CHROMIUM is set to ${fromEnv}, but there is no file there.`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('The reader benchmark needs Chromium: install it (apt-get install chromium) or set FRAMELENS_CHROMIUM to its path.');
}

/** `300k/2k`, `1M/10k`, `3000000/30000`. */
export function parseSize(arg: string): Size {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)\/(\d+(?:\.\d+)?)([kKmM]?)$/.exec(arg);
  if (!m) throw new Error(`A size is characters/annotations, such as 1M/10k; not ${arg}.`);
  const n = (v: string, unit: string) => Math.round(Number(v) * (/k/i.test(unit) ? 1e3 : /m/i.test(unit) ? 1e6 : 1));
  return { chars: n(m[1]!, m[2]!), annotations: n(m[3]!, m[4]!), label: arg };
}

function vite(config: string): void {
  const bin = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [bin, 'build', '--config', config, '--logLevel', 'warn'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${config} did not build:\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().slice(-2000)}`);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
const median = (xs: number[]) => quantile(xs, 0.5);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

type Run = {
  open: number;
  full: number;
  tags: number[];
  listCalls: number;
  longTotal: number;
  longCount: number;
  longMax: number;
  frameP95: number;
  frameMax: number;
  nodesOpen: number;
  nodesEnd: number;
  heapMB: number;
};

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function framelensTags(page: Page): Promise<number[]> {
  const times: number[] = [];
  let seed = 1;
  while (times.length < TAG_RUNS && seed < TAG_RUNS * 6) {
    const selected = await page.evaluate(selectPassage, seed++);
    if (!selected) continue;
    const picker = page.getByTestId('tag-picker');
    await picker.waitFor({ state: 'visible' });
    await page.evaluate(armTagProbe);
    await page.keyboard.press(String(1 + (seed % 9)));
    times.push(await page.evaluate(() => (window as Window & { __flTag?: Promise<number> }).__flTag!));
    await picker.waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
  }
  if (times.length < TAG_RUNS) throw new Error(`only ${times.length} of ${TAG_RUNS} passages could be selected`);
  return times;
}

async function recogitoTags(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (let seed = 1; times.length < TAG_RUNS && seed < TAG_RUNS * 6; seed++) {
    try {
      times.push(await page.evaluate(recogitoTag, seed));
    } catch (error) {
      if (!/no passage on screen/.test(String(error))) throw error;
    }
    await page.waitForTimeout(200);
  }
  if (times.length < TAG_RUNS) throw new Error(`Recogito: only ${times.length} of ${TAG_RUNS} passages could be tagged`);
  return times;
}

async function runOnce(context: BrowserContext, tool: Tool, url: string): Promise<Run> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(url);
    const sel = SELECTORS[tool];
    await page.locator(sel.open).waitFor();
    const open = await page.evaluate(measureOpen, sel);
    const nodesOpen = await page.evaluate(countNodes);
    const heap = await heapMB(page);
    const listBefore = tool === 'Framelens' ? await listCalls(page) : 0;
    const tags = tool === 'Framelens' ? await framelensTags(page) : await recogitoTags(page);
    const listAfter = tool === 'Framelens' ? await listCalls(page) : 0;
    await page.waitForTimeout(300);
    const scroll = await page.evaluate(measureScroll, { sel, steps: SCROLL_STEPS });
    if (!scroll.reachedEnd || !scroll.textAtEnd.trim()) throw new Error(`${tool} did not scroll to painted text at the end (${JSON.stringify(scroll)})`);
    const nodesEnd = await page.evaluate(countNodes);
    if (errors.length) throw new Error(`${tool}: the page failed: ${errors.join('; ')}`);
    return {
      open: open.ms,
      full: open.fullMs,
      tags,
      listCalls: listAfter - listBefore,
      longTotal: scroll.longTotal,
      longCount: scroll.longCount,
      longMax: scroll.longMax,
      frameP95: scroll.frameP95,
      frameMax: scroll.frameMax,
      nodesOpen,
      nodesEnd,
      heapMB: heap,
    };
  } finally {
    await page.close();
  }
}

function listCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __flHarness: { calls(): Record<string, number> } }).__flHarness.calls()['annotations.list'] ?? 0);
}

function report(log: Log, size: Size, blocks: number, runs: Record<Tool, Run[]>) {
  const f = runs.Framelens;
  const r = runs.Recogito;
  const m = (rs: Run[], pick: (x: Run) => number) => median(rs.map(pick));
  const all = (rs: Run[]) => rs.flatMap((x) => x.tags);
  type Row = [string, number, number, number?];
  const rows: Row[] = [
    ['open (ms, median)', m(f, (x) => x.open), m(r, (x) => x.open)],
    ['full (ms, median)', m(f, (x) => x.full), m(r, (x) => x.full)],
    ['tag (ms, median)', median(all(f)), median(all(r))],
    ['tag (ms, p95)', quantile(all(f), 0.95), quantile(all(r), 0.95)],
    ['scroll: long tasks (ms total, median)', m(f, (x) => x.longTotal), m(r, (x) => x.longTotal)],
    ['scroll: long tasks (count, median)', m(f, (x) => x.longCount), m(r, (x) => x.longCount)],
    ['scroll: longest task (ms, max)', Math.max(...f.map((x) => x.longMax)), Math.max(...r.map((x) => x.longMax))],
    ['scroll: frame p95 (ms, median)', m(f, (x) => x.frameP95), m(r, (x) => x.frameP95)],
    ['scroll: longest frame (ms, max)', Math.max(...f.map((x) => x.frameMax)), Math.max(...r.map((x) => x.frameMax))],
    ['DOM elements after open', m(f, (x) => x.nodesOpen), m(r, (x) => x.nodesOpen)],
    ['DOM elements at the end', m(f, (x) => x.nodesEnd), m(r, (x) => x.nodesEnd)],
    ['JS heap after open (MB)', m(f, (x) => x.heapMB), m(r, (x) => x.heapMB)],
  ];
  log(`\n${fmt(size.chars)} characters, ${fmt(size.annotations)} annotations (${fmt(blocks)} render blocks), ${f.length} runs each, alternating:`);
  const w = Math.max(...rows.map((x) => x[0].length));
  log(`  ${''.padEnd(w)}  ${'Framelens'.padStart(10)}  ${'Recogito'.padStart(10)}  ${'F / R'.padStart(7)}`);
  for (const [label, a, b] of rows) {
    const digits = label.includes('MB') ? 1 : label.startsWith('DOM') || label.includes('count') ? 0 : 1;
    const ratio = b > 0 ? fmt(a / b, 2) : '–';
    log(`  ${label.padEnd(w)}  ${fmt(a, digits).padStart(10)}  ${fmt(b, digits).padStart(10)}  ${ratio.padStart(7)}`);
  }
  log(`  annotations.list calls while tagging (Framelens): ${f.reduce((s, x) => s + x.listCalls, 0)} in ${all(f).length} tags`);
}

export async function runReaderBench(log: Log = console.log, args: string[] = []): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, 1 or more.');
  const sizeArgs = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
  const sizes = (sizeArgs.length ? sizeArgs : DEFAULT_SIZES).map(parseSize);
  const executablePath = chromiumPath();

  log('building the Framelens reader harness and the Recogito page…');
  vite('test/bench/reader/harness/vite.config.ts');
  vite('test/bench/reader/recogito/vite.config.ts');
  const framelens = await serveDir(join(repoRoot, '.bench', 'reader-harness'));
  const recogito = await serveDir(join(repoRoot, '.bench', 'reader-recogito'));
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx keeps function names with a helper the page does not have; the probes need it to be a no-op.
    await context.addInitScript('window.__name = (f) => f;');
    log(`browser: Chromium ${browser.version()}, headless, 1440×900; ${syntheticTags.length} tags; Recogito ${recogitoVersion()}`);
    for (const size of sizes) {
      const query = `?chars=${size.chars}&annotations=${size.annotations}`;
      const blocks = splitBlocks(syntheticArticle(size.chars)).blocks.length;
      const results: Record<Tool, Run[]> = { Framelens: [], Recogito: [] };
      for (let run = 0; run < runs; run++) {
        const order: Tool[] = run % 2 === 0 ? ['Framelens', 'Recogito'] : ['Recogito', 'Framelens'];
        for (const tool of order) {
          const url = (tool === 'Framelens' ? framelens.url : recogito.url) + query;
          results[tool].push(await runOnce(context, tool, url));
        }
      }
      report(log, size, blocks, results);
    }
  } finally {
    await browser?.close();
    await framelens.close();
    await recogito.close();
  }
}

function recogitoVersion(): string {
  const file = join(repoRoot, 'node_modules', '@recogito', 'text-annotator', 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '(not installed)';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runReaderBench(console.log, process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
