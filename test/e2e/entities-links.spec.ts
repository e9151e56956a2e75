// Names across languages end to end: a Swedish and an English report of the same (made-up) meeting
// give one country and one minister under two spellings each; the search proposes them, the analyst
// merges one pair and rejects the other, and the entity details say why each entity has its type.
import { test, expect } from './fixtures.ts';
import { EntitiesPage } from './pages/EntitiesPage.ts';

const SV =
  'Möte i Astana\n\nKazakstans utrikesminister Baurzjan Nurlanov mötte i går sina kolleger i Astana. ' +
  'Nurlanov sa att Kazakstan vill fördjupa samarbetet inom Collective Security Treaty Organization (CSTO).';
const EN =
  'Meeting in Astana\n\nKazakhstan’s foreign minister Baurzhan Nurlanov met his colleagues in Astana yesterday. ' +
  'Nurlanov said Kazakhstan wants closer cooperation in the Collective Security Treaty Organization (CSTO).';

test('cross-language proposals are merged or rejected, and the details explain the type', async ({ app, page }) => {
  await app.importText({ text: SV, title: 'Möte i Astana', language: 'sv' });
  await app.importText({ text: EN, title: 'Meeting in Astana', language: 'en' });
  const entities = new EntitiesPage(page);
  await entities.open();
  await expect(entities.row('Kazakhstan')).toBeVisible({ timeout: 30_000 });
  await expect(entities.row('Kazakstan')).toBeVisible({ timeout: 30_000 });

  const panel = page.getByTestId('link-proposals');
  await panel.locator('summary').click();
  await panel.getByTestId('link-find').click();
  const proposals = panel.getByTestId('link-proposal');
  const place = proposals.filter({ hasText: 'Kazakstan' }).filter({ hasText: 'Kazakhstan' });
  await expect(place).toHaveCount(1);
  await expect(place).toContainText('Same place');
  const person = proposals.filter({ hasText: 'Baurzjan Nurlanov' });
  await expect(person).toContainText('Transliteration');
  await page.screenshot({ path: 'test/e2e/screenshots/entities-links.png' });

  await place.getByTestId('link-accept').click();
  await expect(place).toHaveCount(0);
  await person.getByTestId('link-reject').click();
  await expect(person).toHaveCount(0);
  // Only one of the two spellings is left as an entity of its own; the other is its alias.
  await expect(entities.rows.filter({ hasText: /Kazak(h)?stan/ })).toHaveCount(1);

  await entities.select('Baurzjan Nurlanov');
  await expect(entities.details.getByTestId('entity-why-line')).toBeVisible();
  await expect(entities.details.getByTestId('entity-why-line')).toContainText(/Trained tagger, \d+ % sure|Gazetteer|Title|Given name|Context|Linked/);
  await entities.details.getByTestId('entity-type').selectOption('ORG');
  await expect(entities.details.getByTestId('entity-why-line')).toHaveText('Set by the analyst.');
});
