// Full-text search in the article list ignores accents, and shows where it matched.
import { test, expect } from './fixtures.ts';
import { harbourText, harbourTitle, summitText, summitTitle } from './support/articles.ts';

test('searching without diacritics finds the article that has them, with the match highlighted', async ({ app }) => {
  await app.importText({ text: summitText, source: 'Dagens Eko' });
  await app.importText({ text: harbourText, source: 'Gotlands Tidning' });
  await expect(app.articleItems).toHaveCount(2);

  await app.searchFor('overraskade');
  await expect(app.articleItems).toHaveCount(1);
  const hit = app.articleItem(summitTitle);
  await expect(hit).toBeVisible();
  await expect(hit.getByTestId('article-snippet').locator('mark').first()).toHaveText(/överraskade/i);

  await app.searchFor('farjetrafiken');
  await expect(app.articleItems).toHaveCount(1);
  await expect(app.articleItem(harbourTitle)).toBeVisible();

  await app.searchFor('');
  await expect(app.articleItems).toHaveCount(2);
});

test('"/" and Ctrl+K jump to the search box; Escape closes a dialog', async ({ app, page }) => {
  await page.locator('body').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();

  await page.locator('body').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+k');
  await expect(app.search).toBeFocused();

  const dialog = await app.openImport();
  await dialog.close();
  await expect(dialog.root).toBeHidden();
});
