// The open article's title and metadata can be corrected after import; the article can be deleted.
import { test, expect } from './fixtures.ts';
import { harbourText, harbourTitle } from './support/articles.ts';

test('article details can be edited, and a bad value keeps the form as typed', async ({ app, page }) => {
  await app.importText({ text: harbourText });
  await app.openArticle(harbourTitle);

  const form = await app.editDetails();
  await form.getByLabel('Title').fill('Hamnen i Visby öppnar igen');
  await form.getByLabel('Source').fill('Gotlands Tidning');
  await form.getByLabel(/^Language/).fill('svenska');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByTestId('form-error')).toContainText(/language/i);
  await expect(form.getByLabel('Title')).toHaveValue('Hamnen i Visby öppnar igen');
  await expect(form.getByLabel('Source')).toHaveValue('Gotlands Tidning');

  await form.getByLabel(/^Language/).fill('sv');
  await form.getByLabel('Published').fill('2024-03-04');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toBeHidden();
  await expect(app.articleTitle).toHaveText('Hamnen i Visby öppnar igen');
  await expect(page.getByTestId('article-view')).toContainText('Gotlands Tidning');
  await expect(app.articleItem('Hamnen i Visby öppnar igen')).toContainText('Gotlands Tidning · 2024-03-04');
});

test('deleting an article asks first', async ({ app, page }) => {
  await app.importText({ text: harbourText });
  await app.openArticle(harbourTitle);

  const form = await app.editDetails();
  await form.getByRole('button', { name: 'Delete article…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete article?' });
  await expect(confirm).toContainText(harbourTitle);
  await confirm.getByRole('button', { name: 'Delete article' }).click();
  await expect(app.articleItems).toHaveCount(0);
  await expect(page.getByTestId('empty-state')).toBeVisible();
});
