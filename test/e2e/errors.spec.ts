// A call that fails shows why and keeps everything the analyst typed.
import { test, expect } from './fixtures.ts';
import { harbourText, harbourTitle } from './support/articles.ts';

test('a bad language code is explained and the paste form keeps its contents', async ({ app }) => {
  const dialog = await app.openImport();
  const article = { text: harbourText, title: 'Hamnen öppnar', source: 'Gotlands Tidning', author: 'Per Lind', date: '2024-03-04', language: 'Swedish' };
  await dialog.paste(article);

  await expect(dialog.formError).toContainText(/language/i);
  await expect(dialog.field('text')).toHaveValue(harbourText);
  await expect(dialog.field('title')).toHaveValue(article.title);
  await expect(dialog.field('source')).toHaveValue(article.source);
  await expect(dialog.field('author')).toHaveValue(article.author);
  await expect(dialog.field('date')).toHaveValue(article.date);
  await expect(dialog.field('language')).toHaveValue('Swedish');

  await dialog.field('language').fill('sv');
  await dialog.submitPasteForm();
  await expect(dialog.textResult).toHaveAttribute('data-status', 'imported');
  await expect(dialog.formError).toBeHidden();
  await dialog.close();
  await expect(app.articleItem('Hamnen öppnar')).toBeVisible();
  await expect(app.articleItem(harbourTitle)).toHaveCount(0);
});

test('a tag name that is taken is explained and the editor keeps what was typed', async ({ app }) => {
  const codebook = await app.openCodebook();
  await codebook.create('Threat');
  await expect(codebook.tag('Threat')).toBeVisible();

  await codebook.create('threat', { description: 'Danger to the nation' });
  await expect(codebook.editorError).toBeVisible();
  await expect(codebook.editor.getByTestId('tag-name')).toHaveValue('threat');
  await expect(codebook.editor.getByTestId('tag-description')).toHaveValue('Danger to the nation');
  expect(await codebook.tagPaths()).toEqual(['Threat']);
});

test('a tab without the access token explains how to open Framelens', async ({ host, page }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByTestId('missing-token')).toContainText('framelens serve');
});

test('the token leaves the address bar and a reload keeps working', async ({ app, page }) => {
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(app.projectName).toHaveText(/\.framelens$/);
  await expect(page.getByTestId('missing-token')).toHaveCount(0);
});
