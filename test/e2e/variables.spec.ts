// Article variables: defined in the Variables manager, set on many articles from the list, filtered by,
// edited per article in its details, and imported from a CSV after a preview.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.ts';
import { ArticleListPane } from './pages/ArticleListPane.ts';
import { harbourText, harbourTitle, summitText, summitTitle } from './support/articles.ts';

const debateTitle = 'Partiledarna möttes i en hätsk debatt';
const debateText = `${debateTitle}\n\nDebatten i riksdagen handlade om försvaret och om alliansens framtid.`;
const explanation = 'This project is open read-only: you can read, search and export, but not change it.';

test('a category variable is created, set on chosen articles, filtered by, edited in the details and imported from a CSV', async ({ app, host, page }) => {
  const summit = await host.call('articles.importText', { text: summitText, source: 'Dagens Eko' });
  const harbour = await host.call('articles.importText', { text: harbourText, source: 'Gotlands Tidning' });
  const debate = await host.call('articles.importText', { text: debateText, source: 'Sveriges Radio' });
  await page.reload();
  const list = new ArticleListPane(page);
  await expect(list.count).toHaveText('3 articles');

  // Defined in the manager, with its values as a list.
  const manager = await list.openVariables();
  await manager.create('Outlet kind', {
    kind: 'Category',
    categories: ['Tabloid', 'Broadsheet', 'Public service'],
    description: 'As the outlet presents itself.',
  });
  expect(await manager.categoryValues()).toEqual(['Tabloid', 'Broadsheet', 'Public service']);
  await expect(manager.row('Outlet kind')).toContainText('Category · 3 values');
  await expect(manager.row('Outlet kind')).toContainText('0 articles');
  await manager.close();

  // Shift-click chooses a range; a click takes one out again. The list shows the newest first.
  await expect(app.articleItems).toHaveText([new RegExp(debateTitle), new RegExp(harbourTitle), new RegExp(summitTitle)]);
  await list.checkbox(summitTitle).click();
  await list.checkbox(debateTitle).click({ modifiers: ['Shift'] });
  await expect(list.bar.getByTestId('selection-count')).toHaveText('3 articles chosen');
  await list.checkbox(debateTitle).click();
  await expect(list.bar.getByTestId('selection-count')).toHaveText('2 articles chosen');
  await list.setOnChosen('Outlet kind', 'Tabloid');
  await expect(list.successToast.filter({ hasText: 'Set Outlet kind = Tabloid for 2 articles.' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list.bar).toBeHidden();
  await expect(list.checkbox(summitTitle)).not.toBeChecked();

  // Filtered by it: a chip, and the list and its count follow.
  await list.addCondition({ variable: 'Outlet kind', values: ['Tabloid'] });
  await expect(list.chips).toHaveText(['Outlet kind is Tabloid']);
  await expect(list.count).toHaveText('2 articles');
  await expect(app.articleItems).toHaveText([new RegExp(harbourTitle), new RegExp(summitTitle)]);

  // Changed for one article in its details: its head shows the new value, and it leaves the filtered list.
  await app.openArticle(harbourTitle);
  await expect(page.getByTestId('article-values')).toContainText('Outlet kind Tabloid');
  const form = await app.editDetails();
  await expect(form.getByLabel('Outlet kind')).toHaveValue('Tabloid');
  await form.getByLabel('Outlet kind').selectOption('Broadsheet');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('article-values')).toContainText('Outlet kind Broadsheet');
  await expect(list.count).toHaveText('1 article');
  await list.removeChip('Outlet kind is Tabloid');
  await expect(list.count).toHaveText('3 articles');

  // A CSV (semicolons, as Excel writes them in Sweden): the preview first, then the import.
  const variables = await list.openVariables();
  await variables.openCsv();
  await variables.chooseCsv('outlets.csv', `id;Outlet kind\n${debate.id};Public service\n${summit.id};tabloid\n9999;Tabloid\n`);
  await expect(variables.csv.getByTestId('csv-key-id')).toBeChecked();
  await expect(variables.preview).toBeVisible();
  // Another key column runs the preview again; the project's message says what is wrong.
  await variables.csv.getByTestId('csv-key-title').check();
  await expect(variables.csvError).toContainText('The CSV has no “title” column to find the articles by; its columns are “id”, “Outlet kind”.');
  await expect(variables.preview).toBeHidden();
  await variables.csv.getByTestId('csv-key-id').check();
  await expect(variables.preview.getByTestId('csv-rows')).toHaveText('3');
  await expect(variables.preview.getByTestId('csv-matched')).toHaveText('2');
  await expect(variables.preview.getByTestId('csv-unmatched-count')).toHaveText('1');
  await expect(variables.preview.getByTestId('csv-changed')).toHaveText('1');
  await expect(variables.preview.getByTestId('csv-unmatched')).toHaveText('Line 4 9999');
  // Nothing is written by the preview.
  const before = await host.call('articles.get', { id: debate.id! });
  expect(Object.keys(before.values)).toEqual([]);
  await variables.preview.getByTestId('csv-import-button').click();
  await expect(variables.csv.getByTestId('csv-imported')).toHaveText('Imported outlets.csv: 1 value changed on 2 articles.');
  await expect(variables.preview).toBeHidden();

  // Exported with every article's values, one var_ column per variable.
  const download = page.waitForEvent('download');
  await variables.root.getByTestId('variables-export').click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,title,source,author,published_at,language,url,var_Outlet kind');
  expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(['Tabloid', 'Broadsheet', 'Public service']);
  await expect(variables.root.getByTestId('variables-exported')).toContainText('Exported 3 articles');
  await variables.close();

  // The project holds every value, as set from the list, the details and the CSV.
  const [outletKind] = (await host.call('variables.list', {})).variables;
  expect(outletKind?.articleCount).toBe(3);
  const stored = await host.call('articles.list', {});
  const valueOf = (id: number | undefined) => stored.articles.find((a) => a.id === id)?.values[String(outletKind!.id)];
  expect([valueOf(summit.id), valueOf(harbour.id), valueOf(debate.id)]).toEqual(['Tabloid', 'Broadsheet', 'Public service']);

  // Deleting it says how many values go with it.
  const again = await list.openVariables();
  await again.select('Outlet kind');
  await again.editor.getByTestId('variable-delete').click();
  await expect(again.confirmDialog).toContainText('Its values on 3 articles are deleted with it.');
  await again.confirmDialog.getByRole('button', { name: 'Delete variable' }).click();
  await expect(again.status).toHaveText('Deleted “Outlet kind” with 3 values.');
  await expect(again.rows).toHaveCount(0);
  await again.close();
  await expect(page.getByTestId('article-values')).toHaveCount(0);
});

test('the details form has a field fitting each kind of variable, with no value possible', async ({ app, host, page }) => {
  const harbour = await host.call('articles.importText', { text: harbourText });
  const words = await host.call('variables.create', { name: 'Words', type: 'number' });
  const front = await host.call('variables.create', { name: 'Front page', type: 'boolean' });
  const printed = await host.call('variables.create', { name: 'Printed', type: 'date' });
  const desk = await host.call('variables.create', { name: 'Desk', type: 'text' });
  const country = await host.call('variables.create', { name: 'Country', type: 'category', categories: ['SE', 'NO'] });
  await page.reload();
  await app.openArticle(harbourTitle);

  const form = await app.editDetails();
  await expect(form.getByLabel('Words')).toHaveAttribute('inputmode', 'decimal');
  await expect(form.getByLabel('Printed')).toHaveAttribute('type', 'date');
  await expect(form.getByLabel('Front page').locator('option')).toHaveText(['— no value —', 'Yes', 'No']);
  await expect(form.getByLabel('Country').locator('option')).toHaveText(['— no value —', 'SE', 'NO']);

  // A value the variable cannot take is refused with its name, and the form keeps what was typed.
  await form.getByLabel('Words').fill('many');
  await form.getByLabel('Desk').fill('Inrikes');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByTestId('form-error')).toContainText('Words: “Words” takes a number');
  await expect(form.getByLabel('Words')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Desk')).toHaveValue('Inrikes');

  await form.getByLabel('Words').fill('640,5');
  await form.getByLabel('Front page').selectOption('Yes');
  await form.getByLabel('Printed').fill('2024-03-05');
  await form.getByLabel('Country').selectOption('SE');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('article-value')).toHaveText(['Words 640.5', 'Front page yes', 'Printed 2024-03-05', 'Desk Inrikes', 'Country SE']);

  // "No value" clears.
  const again = await app.editDetails();
  await again.getByLabel('Desk').fill('');
  await again.getByLabel('Country').selectOption('— no value —');
  await again.getByRole('button', { name: 'Save details' }).click();
  await expect(again).toBeHidden();
  await expect(page.getByTestId('article-value')).toHaveText(['Words 640.5', 'Front page yes', 'Printed 2024-03-05']);

  const { values } = await host.call('articles.get', { id: harbour.id! });
  expect(values).toEqual({ [words.id]: 640.5, [front.id]: true, [printed.id]: '2024-03-05' });
  expect(values[String(desk.id)]).toBeUndefined();
  expect(values[String(country.id)]).toBeUndefined();
});

test('choosing all matching articles sets a value by the filter, also on those the list does not show', async ({ app: _app, host, page }) => {
  const files = Array.from({ length: 104 }, (_, i) => ({
    name: `storm-${i + 1}.txt`,
    dataBase64: Buffer.from(`Stormen nummer ${i + 1}\n\nStormen drog in över kusten för ${i + 1}:e gången i år.`).toString('base64'),
  }));
  await host.call('articles.importFiles', { files });
  await host.call('articles.importText', { text: harbourText, source: 'Gotlands Tidning' });
  await page.reload();
  const list = new ArticleListPane(page);
  await page.getByTestId('article-search').fill('kusten');
  await expect(list.count).toHaveText('104 matches, showing the first 100');

  await list.selectAll.click();
  await expect(list.selectAll).toBeChecked();
  await expect(list.bar.getByTestId('selection-count')).toHaveText('100 articles chosen');
  await list.bar.getByTestId('select-all-matching').click();
  await expect(list.bar.getByTestId('selection-count')).toHaveText('104 articles chosen');
  await expect(list.selectAll).toBeChecked();
  await list.setOnChosen('Source', 'Kustbladet');
  await expect(list.successToast.filter({ hasText: 'Set Source = Kustbladet for 104 articles.' })).toBeVisible();

  const bySource = await host.call('articles.list', { conditions: [{ variable: 'source', op: 'is', values: ['Kustbladet'] }] });
  expect(bySource.total).toBe(104);
  const harbour = await host.call('articles.list', { search: 'Visby' });
  expect(harbour.articles.map((a) => a.source)).toEqual(['Gotlands Tidning']);

  // A range on a built-in date, and "has no value".
  await page.getByTestId('article-search').fill('');
  await list.addCondition({ variable: 'Source', operator: 'has no value' });
  await expect(list.chips).toHaveText(['Source has no value']);
  await expect(list.count).toHaveText('0 articles');
  await expect(list.root).toContainText('No article matches the filter.');
  await list.root.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(list.count).toHaveText('105 articles');
});

test('in a read-only project variables can be looked at and filtered by, not changed', async ({ app, host, page }) => {
  const summit = await host.call('articles.importText', { text: summitText });
  const kind = await host.call('variables.create', { name: 'Outlet kind', type: 'category', categories: ['Tabloid', 'Broadsheet'] });
  await host.call('variables.setValue', { variableId: kind.id, value: 'Tabloid', articleIds: [summit.id!] });
  await host.restart({ readOnly: true });
  await app.open(host.url);
  const list = new ArticleListPane(page);

  const manager = await list.openVariables();
  await expect(manager.root.getByTestId('new-variable')).toBeDisabled();
  await manager.row('Outlet kind').click();
  await expect(manager.editor.getByTestId('variable-name')).toBeDisabled();
  await expect(manager.editor.getByTestId('variable-delete')).toBeDisabled();
  await manager.openCsv();
  await expect(manager.csv.getByTestId('csv-file-input')).toBeDisabled();
  await expect(manager.root.getByTestId('variables-export')).toBeEnabled();
  await manager.close();

  await list.addCondition({ variable: 'Outlet kind', values: ['Tabloid'] });
  await expect(list.count).toHaveText('1 article');
  await list.checkbox(summitTitle).click();
  await expect(list.bar.getByTestId('selection-set')).toBeDisabled();
  await expect(list.bar.getByTestId('selection-set')).toHaveAttribute('title', explanation);
  await expect(list.bar.getByTestId('selection-clear')).toBeDisabled();
});
