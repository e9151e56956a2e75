// The codebook manager: create, rename, move, and delete with a confirmation that counts what goes.
import { test, expect } from './fixtures.ts';
import { harbourText, summitPassage, summitText } from './support/articles.ts';

test('tags can be created, renamed, moved and deleted', async ({ app }) => {
  const codebook = await app.openCodebook();

  await codebook.create('Threat', { shortcut: 't' });
  await codebook.create('Conflict');
  await codebook.create('Military', { parent: 'Threat' });
  await expect(codebook.status).toContainText('Created “Military”');
  expect(await codebook.tagPaths()).toEqual(['Threat', 'Threat › Military', 'Conflict']);

  await codebook.rename('Threat', 'Security threat');
  await expect(codebook.tag('Security threat › Military')).toBeVisible();

  await codebook.move('Security threat › Military', null);
  await expect(codebook.tag('Military')).toBeVisible();
  await codebook.move('Military', 'Conflict');
  await expect(codebook.tag('Conflict › Military')).toBeVisible();
  expect(await codebook.tagPaths()).toContain('Conflict › Military');

  // A tag with a subtag asks first, and says what else goes.
  await codebook.startDelete('Conflict');
  await expect(codebook.confirmDialog).toBeVisible();
  await expect(codebook.confirmDialog).toContainText('1 subtag');
  await codebook.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(codebook.tag('Conflict › Military')).toBeVisible();

  await codebook.startDelete('Conflict');
  await codebook.confirmDialog.getByRole('button', { name: 'Delete tag' }).click();
  await expect(codebook.status).toContainText('Deleted “Conflict”');
  expect(await codebook.tagPaths()).toEqual(['Security threat']);

  // A tag that nothing depends on goes at once.
  await codebook.startDelete('Security threat');
  await expect(codebook.confirmDialog).toBeHidden();
  await expect(codebook.status).toContainText('Deleted “Security threat”');
  expect(await codebook.tagPaths()).toEqual([]);
});

test('deleting a tag that is in use says how many annotations and subtags go with it', async ({ app, host, page }) => {
  const article = await host.call('articles.importText', { text: summitText });
  const other = await host.call('articles.importText', { text: harbourText });
  const framing = await host.call('tags.create', { name: 'Framing' });
  const conflict = await host.call('tags.create', { name: 'Conflict', parentId: framing.id });
  const at = summitText.indexOf(summitPassage);
  await host.call('annotations.create', { articleId: article.id!, tagId: framing.id, start: at, end: at + summitPassage.length });
  await host.call('annotations.create', { articleId: other.id!, tagId: conflict.id, start: 0, end: 5 });
  await page.reload();

  const codebook = await app.openCodebook();
  await codebook.startDelete('Framing');
  await expect(codebook.confirmDialog).toContainText('1 subtag');
  await expect(codebook.confirmDialog).toContainText(/\d annotations?/);
  await codebook.confirmDialog.getByRole('button', { name: 'Delete tag' }).click();
  await expect(codebook.status).toContainText('Deleted “Framing” with 1 subtag and 2 annotations');
  await codebook.close();
  await expect(app.articleItems.getByTestId('annotation-count')).toHaveText(['0', '0']);
});
