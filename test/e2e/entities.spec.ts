// Entities end to end: names detected in a pasted Swedish article are curated in the Entities view
// (rename, merge, split, ignore, remove a mention) and charted; a bar of a chart leads to the mention
// in context and from there to the passage in its article.
import { test, expect } from './fixtures.ts';
import { EntitiesPage } from './pages/EntitiesPage.ts';
import { ChartsPage } from './pages/ChartsPage.ts';
import { intrusionText, intrusionTitle } from './support/entityArticles.ts';

const detectedNames = ['Anna Lindqvist', 'Nordbanken', 'NORDSEC', 'Erik Holmgren', 'Finansinspektionen', 'FI', 'Karin Sjöberg', 'Göteborg', 'Malmö'];

type Watched = Window & { cspViolations?: string[] };

test.beforeEach(async ({ app, page }) => {
  // chart.js draws under the strict CSP: every violation from here on fails the test, with what was blocked.
  await page.evaluate(() => {
    const w = window as Watched;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations?.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  await app.importText({ text: intrusionText, source: 'Dagens Eko', date: '2024-03-12', language: 'sv' });
  await expect(app.articleItem(intrusionTitle)).toBeVisible();
});

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => (window as Watched).cspViolations), 'CSP violations').toEqual([]);
});

test('detected names are renamed and merged, then a bar of the top entities chart leads to the passage', async ({ app, page }) => {
  const entities = new EntitiesPage(page);
  await entities.open();
  await entities.expectEntities(detectedNames);
  await expect(entities.row('Anna Lindqvist')).toContainText('Person');
  await expect(entities.row('Nordbanken')).toContainText('Organisation');
  await expect(entities.row('Göteborg')).toContainText('Place');
  // "Lindqvist" alone is the same person; "NORDSEC:s" is NORDSEC in the genitive.
  await expect(entities.row('Anna Lindqvist').getByTestId('entity-mentions')).toHaveText('2');

  await entities.rename('NORDSEC', 'Nordsec AB');
  await expect(entities.row('Nordsec AB').getByTestId('entity-aliases')).toHaveText('also NORDSEC');
  await expect(entities.row('NORDSEC')).toHaveCount(0);

  await entities.merge(['Finansinspektionen', 'FI'], 'Finansinspektionen');
  await expect(entities.row('FI')).toHaveCount(0);
  await expect(entities.row('Finansinspektionen').getByTestId('entity-aliases')).toHaveText('also FI');
  await expect(entities.row('Finansinspektionen').getByTestId('entity-mentions')).toHaveText('2');

  const charts = new ChartsPage(page);
  await charts.open();
  await charts.clickTopEntityBar('Karin Sjöberg');
  await expect(charts.kwicHeading).toHaveText('Karin Sjöberg');
  await expect(charts.kwicLines).toHaveCount(2);
  const quote = charts.kwicLines.filter({ hasText: 'Vi tar det här på största allvar' });
  await expect(quote.locator('mark')).toHaveText('Karin Sjöberg');
  await expect(quote).toContainText(intrusionTitle);

  await charts.openLine(quote);
  await expect(app.articleTitle).toHaveText(intrusionTitle);
  await expect(app.reader.text).toContainText('– Vi tar det här på största allvar, säger Karin Sjöberg.');
  await expect(app.reader.text.getByText('Vi tar det här på största allvar').first()).toBeInViewport();
});

test('ignoring, removing a wrong mention and splitting an alias hold when detection runs again', async ({ page }) => {
  const entities = new EntitiesPage(page);
  await entities.open();
  await entities.expectEntities(detectedNames);

  // A mention the analyst rejects stays out, here and after detecting again.
  await entities.select('Karin Sjöberg');
  await expect(entities.mentionLines).toHaveCount(2);
  await entities.mentionLines.filter({ hasText: 'FI:s chef' }).getByTestId('mention-remove').click();
  await expect(entities.mentionLines).toHaveCount(1);
  await expect(entities.row('Karin Sjöberg').getByTestId('entity-mentions')).toHaveText('1');

  // An ignored name leaves the list and shows among the ignored names until the analyst takes it back.
  await entities.select('Malmö');
  await entities.ignoreSelected();
  await expect(entities.row('Malmö')).toHaveCount(0);
  const ignored = await entities.showIgnored();
  await expect(ignored).toHaveCount(1);
  await expect(ignored.first()).toContainText('malmö');

  // An alias merged in by mistake goes back to an entity of its own.
  await entities.merge(['Finansinspektionen', 'FI'], 'Finansinspektionen');
  await entities.select('Finansinspektionen');
  await entities.details.getByRole('button', { name: 'Split “FI” off into its own entity' }).click();
  await expect(entities.row('FI')).toBeVisible();
  await expect(entities.row('Finansinspektionen').getByTestId('entity-mentions')).toHaveText('1');

  await entities.detectAgain();
  await expect(entities.row('Malmö')).toHaveCount(0);
  await expect(entities.row('Karin Sjöberg').getByTestId('entity-mentions')).toHaveText('1');
  await expect(entities.row('FI').getByTestId('entity-mentions')).toHaveText('1');

  await ignored.first().getByRole('button', { name: 'Stop ignoring malmö' }).click();
  await expect(ignored).toHaveCount(0);
  await entities.detectAgain();
  await expect(entities.row('Malmö')).toBeVisible();

  // Narrowed to the open article (none is open yet, so the choice is not offered).
  await expect(entities.root.getByTestId('entity-only-current')).toHaveCount(0);
});
