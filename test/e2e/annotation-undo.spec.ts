// Deleting an annotation offers an undo: the project puts back what it deleted (by the deleted
// annotation's id), the highlight returns, and a note the analyst had typed but not saved comes back too.
import { test, expect } from './fixtures.ts';
import { summitPassage, summitText, summitTitle } from './support/articles.ts';

test('an annotation deleted in the reader comes back with Undo, as the project kept it', async ({ app, host, page }) => {
  const imported = await host.call('articles.importText', { text: summitText });
  const tag = await host.call('tags.create', { name: 'Alliance tension' });
  const start = summitText.indexOf(summitPassage);
  const saved = await host.call('annotations.create', { articleId: imported.id!, tagId: tag.id, start, end: start + summitPassage.length, note: 'Saved note' });

  // The page opened before these were made: load them.
  await page.reload();
  await app.openArticle(summitTitle);
  const highlight = app.reader.highlightOf(summitPassage);
  await highlight.first().click();
  await app.reader.note.fill('Typed, not saved');
  await app.reader.popover.getByTestId('annotation-delete').click();
  await expect(app.reader.highlights).toHaveCount(0);
  expect((await host.call('annotations.list', { articleId: imported.id! })).annotations).toEqual([]);

  const undo = app.reader.toasts.filter({ hasText: 'Deleted Alliance tension' });
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(app.reader.toasts.filter({ hasText: 'Annotation restored.' })).toBeVisible();
  await expect(highlight.first()).toBeVisible();
  await expect(app.reader.highlights).toHaveCount(1);

  // The project has it back as it was: same id, tag, offsets, note and dates.
  const { annotations } = await host.call('annotations.list', { articleId: imported.id! });
  expect(annotations).toEqual([saved]);

  // The unsaved note is there again, still unsaved.
  await highlight.first().click();
  await expect(app.reader.note).toHaveValue('Typed, not saved');
  await expect(app.reader.popover).toContainText('Unsaved');

  await page.reload();
  await app.openArticle(summitTitle);
  await expect(app.reader.highlights).toHaveCount(1);
  await expect(app.reader.panel).toContainText('Saved note');
});
