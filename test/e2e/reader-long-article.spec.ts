// A three-million-character article in the reader: the page holds a bounded number of elements wherever
// the analyst is in it, a passage far down is reached from the side panel, and tagging applies the new
// annotation as it comes back from the project, without fetching the article's whole list again.
import { test, expect } from './fixtures.ts';

const title = 'Ett mycket långt protokoll';
/** Elements the reader may hold for its text: what a few screens of highlighted prose need, not more. */
const MAX_TEXT_ELEMENTS = 1500;

function longText(chars: number): string {
  const words = 'kommunen hamnen vägarna skolorna budgeten mötet ledamöterna frågan kvällen året planen bygget kajen tåget'.split(' ');
  const paragraphs: string[] = [title];
  let length = title.length;
  for (let p = 0; length < chars; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 4 + (p % 4); s++) {
      const w = Array.from({ length: 9 + ((p + s) % 8) }, (_, i) => words[(p * 7 + s * 3 + i) % words.length]!).join(' ');
      sentences.push(`Vid punkt ${p + 1} sade man att ${w}.`);
    }
    const para = sentences.join(' ');
    paragraphs.push(para);
    length += para.length + 2;
  }
  paragraphs.push('Till sist lades protokollet med markören zebrafink till handlingarna.');
  return paragraphs.join('\n\n');
}

test('a 3,000,000-character article keeps the page small, reaches its end from the panel and tags without a reload', async ({ app, host, page }) => {
  test.setTimeout(180_000);
  const text = longText(3_000_000);
  expect(text.length).toBeGreaterThan(3_000_000);
  const imported = await host.call('articles.importText', { text, title, source: 'Piteå-Bladet', publishedAt: '2024-06-01', language: 'sv' });
  const articleId = imported.id!;
  const tag = await host.call('tags.create', { name: 'Infrastruktur', color: '#0d9488' });
  // A few annotations spread over the article, the last at its very end.
  for (const at of [0.1, 0.35, 0.6, 0.85]) {
    const start = text.indexOf('Vid punkt', Math.floor(text.length * at));
    await host.call('annotations.create', { articleId, tagId: tag.id, start, end: start + 40 });
  }
  const end = text.indexOf('markören zebrafink');
  await host.call('annotations.create', { articleId, tagId: tag.id, start: end, end: end + 'markören zebrafink'.length });
  await page.reload();

  const lists: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/annotations.list') lists.push(request.url());
  });
  await app.openArticle(title);
  const reader = app.reader;
  await expect(reader.text).toContainText('Vid punkt 1 sade man');
  const elements = () => reader.text.evaluate((el) => el.getElementsByTagName('*').length);
  const atTop = await elements();
  expect(atTop).toBeGreaterThan(5);
  expect(atTop).toBeLessThan(MAX_TEXT_ELEMENTS);

  // Scrolled to the middle and to the end: text on screen, the page no bigger.
  for (const where of [0.5, 1]) {
    await reader.text.evaluate((el, f) => {
      const scroller = el.parentElement!;
      scroller.scrollTop = f * (scroller.scrollHeight - scroller.clientHeight);
    }, where);
    await expect.poll(() => reader.text.evaluate((el) => el.textContent?.length ?? 0)).toBeGreaterThan(1000);
    expect(await elements()).toBeLessThan(MAX_TEXT_ELEMENTS);
  }

  // Back at the top, the last annotation is opened from the side panel: its block was never in the page.
  await reader.text.evaluate((el) => (el.parentElement!.scrollTop = 0));
  await expect(reader.text).toContainText('Vid punkt 1 sade man');
  await reader.panel.getByRole('button', { name: /markören zebrafink/ }).click();
  await expect.poll(() => reader.passageInView('markören zebrafink'), { message: 'the passage at the end is on screen' }).toBe(true);
  expect(await elements()).toBeLessThan(MAX_TEXT_ELEMENTS);

  // Tagging there: the highlight comes from what annotations.create answered, not from a new list.
  const before = lists.length;
  await reader.selectPassage('protokollet med');
  await reader.tagSelection('Infrastruktur');
  await expect(reader.highlightOf('protokollet med')).toBeVisible();
  await expect(reader.panel.locator('h2 .count')).toHaveText('6');
  await page.waitForTimeout(500);
  expect(lists.slice(before), 'annotations.list requests after tagging').toEqual([]);
  expect((await host.call('annotations.list', { articleId })).annotations).toHaveLength(6);
});
