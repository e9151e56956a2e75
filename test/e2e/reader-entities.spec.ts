// Entity mentions in the reader: names found after import are underlined by type, hovering shows the
// canonical entity, the analyst marks a missed name and removes a wrong one, and the underlines can be
// turned off. Opening a mention from the Entities view brings its passage into view, far down a long
// article too. The articles and every person and company in them are made up.
import { test, expect } from './fixtures.ts';
import { EntitiesPage } from './pages/EntitiesPage.ts';

const harbourTitle = 'Ny hamnplan för Luleå';
const harbourText = [
  harbourTitle,
  '',
  'Kommunalrådet Sofia Brandell presenterade på tisdagen planen för den nya hamnen i Luleå. Enligt Brandell ska bygget starta i vår, och malmfältens gruvor får en ny utskeppningskaj.',
  'Rederiet Nordkust Shipping välkomnar beslutet. – Det här betyder mycket för hela regionen, säger vd Henrik Aldemar. Rederiet har väntat länge.',
  'Styrelsen möts i Kiruna på fredag, och kritiker menar att pengarna borde gå till järnvägen.',
].join('\n');

/** Detection runs in the background after the import; on a slow machine it can take a while. */
const DETECTION_TIMEOUT = 30_000;

type Watched = Window & { cspViolations?: string[] };

function watchViolations() {
  const w = window as Watched;
  if (w.cspViolations) return;
  w.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.cspViolations?.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
  );
}

test('the app loads without a Content-Security-Policy violation', async ({ host, page }) => {
  // Listening from before the first script runs: zod's eval probe, for one, would show here.
  const reported: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|unsafe-eval|Refused to/i.test(message.text())) reported.push(message.text());
  });
  await page.addInitScript(watchViolations);
  await page.goto(host.url);
  await expect(page.getByTestId('project-name')).toHaveText(/\.framelens$/);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as Watched).cspViolations)).toEqual([]);
  expect(reported).toEqual([]);
});

test.describe('in the reader', () => {
  test.beforeEach(async ({ app, page }) => {
    // The reader draws under the strict CSP: a violation from here on fails the test, with what was blocked.
    await app.page.evaluate(watchViolations);
    await page.addInitScript(watchViolations);
  });

  test.afterEach(async ({ page }) => {
    expect(await page.evaluate(() => (window as Watched).cspViolations), 'CSP violations').toEqual([]);
  });

  test('names are underlined by type, a missed one is marked, a wrong one removed, and underlines turn off', async ({ app, page }) => {
    await app.importText({ text: harbourText, source: 'Norrbottens Kuriren', date: '2024-04-09', language: 'sv' });
    await app.openArticle(harbourTitle);
    const reader = app.reader;

    // Underlined once detection is done, each in its type's colour (the reader polls detection progress).
    await expect(reader.mention('Sofia Brandell')).toHaveClass(/\bment-PER\b/, { timeout: DETECTION_TIMEOUT });
    await expect(reader.mention('Nordkust Shipping')).toHaveClass(/\bment-ORG\b/);
    await expect(reader.mention('Kiruna')).toHaveClass(/\bment-LOC\b/);
    const underline = await reader.mention('Kiruna').evaluate((el) => getComputedStyle(el).borderBottomStyle);
    expect(underline).toBe('dotted');
    await expect(reader.panel.getByTestId('entity-legend')).toContainText('People 3');

    // The surname alone is the same person: hovering names the canonical entity and its type.
    await reader.mention('Brandell').hover();
    await expect(reader.hoverCard).toHaveText('Sofia Brandell · PER');
    await page.mouse.move(5, 5);
    await expect(reader.hoverCard).toBeHidden();

    // A name detection missed: selected with its genitive, the form suggests the base form.
    await reader.selectPassage('malmfältens');
    await reader.markSelectionAsEntity();
    await expect(reader.entityName).toHaveValue('malmfälten');
    await reader.entityName.fill('Malmfälten');
    // The form follows the text when it scrolls, and keeps what was typed.
    await reader.text.evaluate((el) => (el.parentElement!.scrollTop += 40));
    await page.waitForTimeout(100);
    await expect(reader.entityName).toHaveValue('Malmfälten');
    await reader.chooseEntityType('LOC');
    await expect(reader.entityForm.getByTestId('entity-form-outcome')).toContainText('Creates Malmfälten (Place)');
    await reader.addMention();
    await expect(reader.mention('malmfältens')).toHaveClass(/\bment-LOC\b/);
    await reader.mention('malmfältens').hover();
    await expect(reader.hoverCard).toHaveText('Malmfälten · LOC');

    // "Rederiet" the second time is the shipping company: chosen from the existing entities (key E this time).
    const second = 'Rederiet har väntat länge';
    await reader.text.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'Rederiet'.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return;
      }
    }, second);
    await page.keyboard.press('e');
    await expect(reader.entityForm).toBeVisible();
    await reader.entityName.fill('Nordkust');
    await expect(reader.entityMatches.first()).toContainText('Nordkust Shipping');
    await reader.entityMatches.filter({ hasText: 'Nordkust Shipping' }).click();
    await expect(reader.entityForm).toBeHidden();
    const rederiet = reader.mentions.filter({ hasText: /^Rederiet$/ }).last();
    await expect(rederiet).toHaveClass(/\bment-ORG\b/);
    await rederiet.hover();
    await expect(reader.hoverCard).toHaveText('Nordkust Shipping · ORG');

    // A wrong mention goes from its popover, and can be taken back.
    await reader.mention('Kiruna').click();
    await expect(reader.popover).toContainText('Kiruna');
    await reader.popover.getByTestId('mention-remove-here').click();
    await expect(reader.mention('Kiruna')).toHaveCount(0);
    await expect(reader.text).toContainText('Styrelsen möts i Kiruna på fredag');
    const undo = reader.toasts.filter({ hasText: 'Removed the mention of Kiruna' });
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect(reader.mention('Kiruna')).toHaveClass(/\bment-LOC\b/);
    await reader.mention('Kiruna').click();
    await reader.popover.getByTestId('mention-remove-here').click();
    await expect(reader.mention('Kiruna')).toHaveCount(0);

    // Both changes hold: they are in the project, not only on screen.
    await page.reload();
    await app.openArticle(harbourTitle);
    await expect(reader.mention('malmfältens')).toHaveClass(/\bment-LOC\b/);
    await expect(reader.mention('Kiruna')).toHaveCount(0);

    // Underlines off: nothing drawn, nothing to click; the text and its offsets stay as they were.
    await reader.toggleEntities.uncheck();
    await expect(reader.panel.getByTestId('entity-legend')).toHaveCount(0);
    expect(await reader.mention('Sofia Brandell').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('none');
    await reader.mention('Sofia Brandell').click();
    await expect(reader.popover).toBeHidden();
    await reader.mention('Sofia Brandell').hover();
    await page.waitForTimeout(500);
    await expect(reader.hoverCard).toBeHidden();
    await reader.toggleEntities.check();
    await expect(reader.panel.getByTestId('entity-legend')).toBeVisible();
  });

  test('a mention opened from the Entities view is brought into view far down a long article', async ({ app, page }) => {
    const lines = [
      'kommunen diskuterade hamnen, vägarna och skolorna under hela kvällen',
      'många ville säga sitt om budgeten för nästa år',
      'det blev sent innan mötet var över',
      'ingen hade räknat med så många frågor',
      'ledamöterna lovade att återkomma i frågan',
    ];
    const paragraphs = ['Budgeten för hamnen', ''];
    for (let i = 0; i < 1400; i++)
      paragraphs.push(`Vid mötet ${i + 1} sade man att ${lines[i % 5]}, och att ${lines[(i + 2) % 5]}. Sedan ${lines[(i + 3) % 5]}.`);
    paragraphs.push('Till sist talade ordföranden Greta Holmfast om framtiden för hamnen.');
    for (let i = 0; i < 8; i++) paragraphs.push(`Efteråt sade man att ${lines[i % 5]}.`);
    const text = paragraphs.join('\n');
    expect(text.length).toBeGreaterThan(200_000);
    await app.importText({ text, source: 'Piteå-Bladet', date: '2024-06-01', language: 'sv' });

    const entities = new EntitiesPage(page);
    await entities.open();
    await entities.expectEntities(['Greta Holmfast']);
    await entities.select('Greta Holmfast');
    await entities.mentionLines.first().getByRole('button').first().click();

    await expect(app.articleTitle).toHaveText('Budgeten för hamnen');
    await expect(app.reader.mention('Greta Holmfast')).toBeVisible();
    await expect.poll(() => app.reader.passageInView('Greta Holmfast'), { message: 'the passage is on screen' }).toBe(true);
    // And flashed, also after its block was written again with the mention underlined.
    const flashed = () => page.evaluate(() => [...(CSS.highlights.get('fl-flash') ?? [])].map((r) => (r as Range).toString()).join(' '));
    await expect.poll(flashed, { message: 'the passage flashes' }).toBe('Greta Holmfast');
    // Centred, roughly: not just scraped into the bottom or top edge.
    const where = await app.reader.mention('Greta Holmfast').evaluate((el) => {
      const scroller = el.closest('[data-testid="reader-text"]')!.parentElement!;
      const box = scroller.getBoundingClientRect();
      const rect = el.getBoundingClientRect();
      return { fraction: (rect.top - box.top) / box.height, scrollTop: scroller.scrollTop };
    });
    expect(where.scrollTop).toBeGreaterThan(10_000);
    expect(where.fraction).toBeGreaterThan(0.2);
    expect(where.fraction).toBeLessThan(0.8);
    // The text around it is written, not blank estimated space.
    await expect(app.reader.text).toContainText('Till sist talade ordföranden Greta Holmfast om framtiden för hamnen.');
  });
});
