// Coding as a team through the interface: two coders code one article in blind mode without seeing
// each other's passages, the Reliability view gives the figures of those spans and a disagreement is
// settled side by side; whole-article codes and done marks; a colleague's project merged in by upload.
import { join } from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { test, expect } from './fixtures.ts';
import { CodingControls } from './pages/CodingPage.ts';
import { ReliabilityPage } from './pages/ReliabilityPage.ts';
import { openProject } from '../../main/services/project.ts';
import type { Annotation, ArticleCode } from '../../main/api/contract.ts';

const TITLE = 'Toppmötet i Astana';
const TEXT = `${TITLE}\n\nPutin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå. Kazakstan vill vara neutralt, sa en före detta rådgivare.`;
const ADA = 'vill vara neutralt';
const BO = 'svarade att det var trolling på hög nivå';

test('two coders code one article in blind mode; the Reliability view gives the figures of their spans and a disagreement is settled side by side', async ({
  app,
  host,
  page,
}) => {
  const article = (await host.call('articles.importText', { text: TEXT, title: TITLE, source: 'SVT' })).id!;
  await host.call('tags.create', { name: 'Threat' });
  await page.reload();
  const coding = new CodingControls(page);
  await coding.switchTo('Ada');
  await coding.setBlind(true);
  await app.openArticle(TITLE);
  await app.reader.selectPassage(ADA);
  await app.reader.tagSelection('Threat');
  await expect(app.reader.highlightOf(ADA).first()).toBeVisible();

  await coding.switchTo('Bo');
  // Blind: Ada's passage is not shown to Bo.
  await expect(app.reader.highlights).toHaveCount(0);
  await app.reader.selectPassage(BO);
  await app.reader.tagSelection('Threat');
  await expect(app.reader.highlightOf(BO).first()).toBeVisible();
  await expect(app.reader.highlightOf(ADA)).toHaveCount(0);

  // Out of blind mode both show, and the Passages menu narrows them to one coder.
  await coding.setBlind(false);
  await expect(app.reader.highlightOf(ADA).first()).toBeVisible();
  await expect(app.reader.highlightOf(BO).first()).toBeVisible();
  await page.getByTestId('coder-filter').locator('summary').click();
  await page.getByTestId('coder-filter').getByRole('checkbox', { name: /Bo/ }).uncheck();
  await expect(app.reader.highlightOf(BO)).toHaveCount(0);
  await expect(app.reader.highlightOf(ADA).first()).toBeVisible();

  const stored = (await host.call('annotations.list', { articleId: article })).annotations as Annotation[];
  expect(stored.map((a) => [a.annotator, a.quote]).sort()).toEqual([
    ['Ada', ADA],
    ['Bo', BO],
  ]);
  // The Reliability view computes the figures of exactly these spans. Units are the article's code
  // points (L of them, no astral characters): Ada alone marks 18, Bo alone 40, neither L − 58.
  const L = TEXT.length;
  const view = new ReliabilityPage(page);
  await view.open();
  await view.chooseCoders('Ada', 'Bo');
  await expect(view.cell('Threat', 'cell-characters')).toHaveText(String(L));
  await expect(view.cell('Threat', 'cell-coded')).toHaveText('58');
  expect(Number(await view.cell('Threat', 'cell-percent').getAttribute('data-value'))).toBeCloseTo((L - 58) / L, 12);
  const [pa, pb] = [ADA.length / L, BO.length / L];
  const pe = pa * pb + (1 - pa) * (1 - pb);
  expect(Number(await view.cell('Threat', 'cell-kappa').getAttribute('data-value'))).toBeCloseTo(((L - 58) / L - pe) / (1 - pe), 12);
  // Nominal alpha from the coincidences: n = 2L values, o₀₁ = 58, n₁ = 58, n₀ = 2L − 58.
  expect(Number(await view.cell('Threat', 'cell-alpha').getAttribute('data-value'))).toBeCloseTo(1 - ((2 * L - 1) * 58) / (58 * (2 * L - 58)), 12);

  // Each stretch one of them marked opens side by side; Ada's is kept into the consensus coder.
  await view.openReview('Threat');
  await expect(view.items).toHaveCount(2);
  await view.items.filter({ hasText: ADA }).click();
  await expect(view.side).toContainText('Ada');
  await expect(view.side).toContainText('Bo');
  await view.decideButton('first').click();
  await expect
    .poll(async () =>
      ((await host.call('annotations.list', { articleId: article })).annotations as Annotation[])
        .filter((a) => a.annotator === 'Consensus')
        .map((a) => a.quote),
    )
    .toEqual([ADA]);
  const after = ((await host.call('annotations.list', { articleId: article })).annotations as Annotation[]).filter((a) => a.annotator !== 'Consensus');
  expect(after.map((a) => [a.annotator, a.quote]).sort()).toEqual([
    ['Ada', ADA],
    ['Bo', BO],
  ]);

  // The choice of coder lasts across a reload of the page.
  await page.reload();
  await expect(coding.coder).toHaveValue('Bo');
});

test('a tag applied to the whole article and a done mark are the active coder’s, and the list shows each coder’s progress', async ({ app, host, page }) => {
  const article = (await host.call('articles.importText', { text: TEXT, title: TITLE })).id!;
  await host.call('articles.importText', { text: 'Ett annat inslag\n\nOm väder.', title: 'Ett annat inslag' });
  await host.call('tags.create', { name: 'Conflict' });
  await host.call('articles.setDone', { articleId: article, annotator: 'Bo', done: true });
  await page.reload();
  const coding = new CodingControls(page);
  await coding.switchTo('Ada');
  await app.openArticle(TITLE);
  await coding.articleCodePicker.selectOption({ label: 'Conflict' });
  await expect(coding.articleCodes).toHaveCount(1);
  await expect(coding.articleCodes).toContainText('Conflict');
  await page.keyboard.press('Alt+d');
  await expect(coding.done).toHaveAttribute('aria-pressed', 'true');
  const codes = (await host.call('articleCodes.list', { articleId: article })).codes as ArticleCode[];
  expect(codes.map((c) => c.annotator)).toEqual(['Ada']);
  const progress = await host.call('coders.progress', { articleIds: [article] });
  expect(progress.articles[0]!.done.sort()).toEqual(['Ada', 'Bo']);
  await expect(app.articleItem(TITLE).getByTestId('coder-progress')).toContainText('Ada: done');
  await expect(app.articleItem(TITLE).getByTestId('coder-progress')).toContainText('Bo: done');
  // Taking the code back.
  await coding.articleCodes.getByRole('button', { name: /Remove Conflict/ }).click();
  await expect(coding.articleCodes).toHaveCount(0);
});

test('a colleague’s project merges by upload: a preview first, then the merge', async ({ app, host, page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-e2e-merge-'));
  try {
    const file = join(dir, 'colleague.framelens');
    const theirs = openProject(file);
    const id = (theirs.dispatch('articles.importText', { text: TEXT, title: TITLE }) as { ok: true; value: { id: number } }).value.id;
    const tag = (theirs.dispatch('tags.create', { name: 'Trolling' }) as { ok: true; value: { id: number } }).value.id;
    theirs.dispatch('annotations.create', { articleId: id, tagId: tag, start: TEXT.indexOf(BO), end: TEXT.indexOf(BO) + BO.length, annotator: 'Bo' });
    theirs.close();
    const bytes = await readFile(file);

    await page.getByTestId('merge-button').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.getByTestId('merge-file').setInputFiles({ name: 'colleague.framelens', mimeType: 'application/octet-stream', buffer: bytes });
    const preview = dialog.getByTestId('merge-preview');
    await expect(preview.getByRole('row', { name: /Articles/ })).toContainText('1');
    await expect(preview.getByRole('row', { name: /^Annotations/ })).toContainText('1');
    expect((await host.call('project.info', {})).articles).toBe(0);
    await dialog.getByTestId('merge-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(app.articleItem(TITLE)).toBeVisible();
    const info = await host.call('project.info', {});
    expect([info.articles, info.annotations]).toEqual([1, 1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an export can hold only the codes of the coders ticked', async ({ app, host, page }) => {
  const article = (await host.call('articles.importText', { text: TEXT, title: TITLE })).id!;
  const threat = (await host.call('tags.create', { name: 'Threat' })).id;
  const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });
  await host.call('annotations.create', { articleId: article, tagId: threat, ...at(ADA), annotator: 'Ada' });
  await host.call('annotations.create', { articleId: article, tagId: threat, ...at(BO), annotator: 'Bo' });
  await host.call('articleCodes.add', { articleId: article, tagId: threat, annotator: 'Bo' });
  await page.reload();
  const dialog = await app.openExport();
  const coders = dialog.root.getByTestId('export-coders').first();
  await coders.getByRole('checkbox', { name: /Bo/ }).check();
  await expect(coders).toContainText('only Bo');
  const csv = await dialog.download();
  expect(csv.rows.map((r) => [r.annotator, r.unit, r.quote])).toEqual([
    ['Bo', 'article', ''],
    ['Bo', 'passage', BO],
  ]);
});
