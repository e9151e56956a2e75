// A project served read-only (`framelens serve --read-only`): the analyst can open it, read its articles
// and see their highlights and notes, but every control that would change it is off and says why, and
// the host itself refuses a change sent through the page.
import { writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures.ts';
import { CodebookDialog } from './pages/CodebookDialog.ts';
import { EntitiesPage } from './pages/EntitiesPage.ts';
import { summitPassage, summitText, summitTitle } from './support/articles.ts';

const explanation = 'This project is open read-only: you can read, search and export, but not change it.';
const note = 'Hotet om splittring bär ramen';

test('a project served read-only shows its work and refuses every change', async ({ app, host, page }) => {
  // The project as an analyst left it: one article, one tag with a shortcut, one annotation with a note.
  const imported = await host.call('articles.importText', { text: summitText, source: 'Dagens Eko' });
  const tag = await host.call('tags.create', { name: 'Alliance tension', shortcut: 'a' });
  const start = summitText.indexOf(summitPassage);
  const annotation = await host.call('annotations.create', { articleId: imported.id!, tagId: tag.id, start, end: start + summitPassage.length, note });
  await expect.poll(async () => (await host.call('entities.progress', {})).running, { timeout: 30_000 }).toBe(false);

  await host.restart({ readOnly: true });
  await app.open(host.url);

  // The top bar says so, with the reason on hover; the banner says it in words once.
  await expect(app.readOnlyBadge).toBeVisible();
  await expect(app.readOnlyBadge).toContainText('Read-only');
  await expect(app.readOnlyBadge).toHaveAttribute('title', explanation);
  await expect(app.notices.filter({ hasText: explanation })).toBeVisible();
  await expect(app.importButton).toBeDisabled();
  await expect(app.importButton).toHaveAttribute('title', explanation);
  await expect(app.annotatorButton).toBeDisabled();
  await expect(page.getByRole('dialog', { name: 'Who is annotating?' })).toBeHidden();

  // The article opens with its highlight and the annotation in the panel.
  await app.openArticle(summitTitle);
  const highlight = app.reader.highlightOf(summitPassage);
  await expect(highlight.first()).toBeVisible();
  await expect(app.reader.highlights).toHaveCount(1);
  await expect(app.reader.panel).toContainText('Alliance tension');
  await expect(page.getByTestId('edit-details')).toBeDisabled();

  // Its popover shows the tag and the note as text; nothing in it changes the annotation.
  await highlight.first().click();
  await expect(app.reader.popover).toBeVisible();
  await expect(app.reader.popover.getByTestId('annotation-tag')).toHaveText('Alliance tension');
  await expect(app.reader.popover.getByTestId('annotation-note-text')).toHaveText(note);
  await expect(app.reader.popover.getByRole('combobox', { name: 'Tag' })).toHaveCount(0);
  await expect(app.reader.note).toHaveCount(0);
  await expect(app.reader.noteSave).toHaveCount(0);
  await expect(app.reader.popover.getByTestId('annotation-delete')).toBeDisabled();
  await expect(app.reader.popover.getByTestId('annotation-delete')).toHaveAttribute('title', explanation);
  await page.keyboard.press('Escape');
  await expect(app.reader.popover).toBeHidden();

  // Selecting a passage does not open the tag picker; a short message says why.
  await app.reader.selectPassage('Oppositionen överraskade många');
  await expect(app.reader.pickerInput).toBeHidden();
  await expect(app.infoToast.filter({ hasText: 'read-only, so passages cannot be tagged' })).toBeVisible();
  // Nor does the tag's shortcut key tag it, or E mark it as an entity.
  await page.keyboard.press('a');
  await page.keyboard.press('e');
  await expect(app.reader.entityForm).toBeHidden();
  await expect(app.infoToast.filter({ hasText: 'read-only, so names cannot be marked as entities' })).toBeVisible();
  await expect(app.reader.highlights).toHaveCount(1);

  // The codebook can be looked through, not edited.
  await page.getByRole('button', { name: 'Codebook', exact: true }).click();
  const codebook = new CodebookDialog(page);
  await expect(codebook.root).toBeVisible();
  await expect(codebook.root.getByTestId('new-tag')).toBeDisabled();
  await codebook.tag('Alliance tension').click();
  await expect(codebook.editor.getByTestId('tag-name')).toHaveValue('Alliance tension');
  await expect(codebook.editor.getByTestId('tag-name')).toBeDisabled();
  await expect(codebook.editor.getByTestId('tag-save')).toBeDisabled();
  await expect(codebook.editor.getByTestId('tag-delete')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(codebook.root).toBeHidden();

  // Entities: detection cannot be run again.
  const entities = new EntitiesPage(page);
  await entities.open();
  await expect(entities.status.getByTestId('detect-again')).toBeDisabled();

  // The host refuses a change sent from the page with the token the page holds.
  const refused = await page.evaluate(async (id) => {
    const token = sessionStorage.getItem('framelens.token') ?? '';
    const response = await fetch('/api/annotations.delete', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ id }),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } } };
  }, annotation.id);
  expect(refused.status).toBe(403);
  expect(refused.body.ok).toBe(false);
  expect(refused.body.error?.code).toBe('READ_ONLY');

  // Nothing changed: the project still holds its one annotation, with its note.
  const { annotations } = await host.call('annotations.list', { articleId: imported.id! });
  expect(annotations.map((a) => [a.id, a.note])).toEqual([[annotation.id, note]]);
  await expect(app.errorToast).toHaveCount(0);
});

test('what the project said as it opened shows in a banner until dismissed, also after a reload', async ({ app, host, page }) => {
  await host.call('articles.importText', { text: summitText });
  // A leftover journal that does not belong to the project: Framelens reads the main file and says so.
  await host.stop();
  await writeFile(`${host.dbPath}-wal`, 'left over from another program, not a journal of this project');
  host.readOnly = true;
  await host.start();
  await app.open(host.url);

  const journal = app.notices.filter({ hasText: /leftover journal .* not belong to it/ });
  await expect(journal).toBeVisible();
  await expect(journal).toContainText(`${host.dbPath}-wal`);
  const readOnly = app.notices.filter({ hasText: explanation });
  await expect(readOnly).toBeVisible();

  await journal.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(journal).toBeHidden();
  await expect(readOnly).toBeVisible();
  await readOnly.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(app.notices).toHaveCount(0);

  // Dismissed stays dismissed in this tab; the badge stays.
  await page.reload();
  await expect(app.readOnlyBadge).toBeVisible();
  await expect(app.articleItem(summitTitle)).toBeVisible();
  await expect(app.notices).toHaveCount(0);
});
