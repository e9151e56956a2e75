// Near-duplicate copies in the article list: found on request, marked, and hidden so each family counts once.
import { test, expect } from './fixtures.ts';

const STORY = [
  'Rysslands president Vladimir Putin anlände på tisdagen till Astana för ett toppmöte med ledarna i CSTO.',
  'Mötet väntas handla om gasledningar, elpriser och säkerheten vid de gemensamma gränserna i regionen.',
  'Kazakstans president Tokajev tog emot honom på flygplatsen, men tonen beskrevs som sval av flera bedömare.',
].join('\n\n');

test('copies are found, marked in the list, and hidden so each family counts once', async ({ app, host, page }) => {
  await host.call('articles.importText', { text: `Av Anna Lind/TT\n\n${STORY}`, title: 'Putin i Astana', source: 'TT', publishedAt: '2024-10-08' });
  await host.call('articles.importText', {
    text: `Av Per Holm/TT\n\n${STORY}\n\nArtikeln uppdateras.`,
    title: 'Putin besöker Astana',
    source: 'GP',
    publishedAt: '2024-10-09',
  });
  await host.call('articles.importText', {
    text: 'Regeringen presenterade i dag sin budget för nästa år, med satsningar på skola och vård.',
    title: 'Budgeten',
    source: 'DN',
  });
  await page.reload();
  await expect(app.articleItems).toHaveCount(3);
  await page.getByTestId('find-copies').click();
  await expect(page.getByText('1 copy in 1 family; the list marks them.')).toBeVisible();
  await expect(app.articleItem('Putin besöker Astana').getByTestId('copy-mark')).toBeVisible();
  await expect(app.articleItem('Putin i Astana').getByTestId('copy-mark')).toHaveCount(0);
  await page.getByTestId('hide-copies').check();
  await expect(app.articleItems).toHaveCount(2);
  await expect(app.articleItem('Putin besöker Astana')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('copies.png') });
  await page.getByTestId('hide-copies').uncheck();
  await expect(app.articleItems).toHaveCount(3);
});
