// The desktop shell's rules, tested on Node: none of these modules imports 'electron'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { methods } from '../../main/api/contract.ts';
import {
  APP_ENTRY_URL,
  apiChannel,
  contentTypeFor,
  CONTENT_SECURITY_POLICY,
  forgetProject,
  isAppUrl,
  isTrustedSender,
  parseDesktopState,
  projectPathFromArgv,
  RECENT_LIMIT,
  rememberProject,
  resolveAppAsset,
  safeExternalUrl,
  safeFileName,
  saveFilters,
  SAVE_TEXT_CHANNEL,
  withProjectExtension,
} from '../../main/electron/policy.ts';

const root = path.resolve('/srv/framelens/dist/renderer');

test('the app origin is app://framelens and nothing that merely resembles it', () => {
  assert.ok(isAppUrl(APP_ENTRY_URL));
  assert.ok(isAppUrl('app://framelens/assets/index-abc.js?x=1#y'));
  // Chromium canonicalises a standard scheme's host to lower case, so anything else was not made by it.
  assert.equal(isAppUrl('app://FRAMELENS/index.html'), false);
  for (const url of [
    'app://framelens.evil/index.html',
    'app://evil/framelens',
    'app://user:pw@framelens/index.html',
    'app://framelens:8080/index.html',
    'https://framelens/index.html',
    'file:///framelens/index.html',
    'http://127.0.0.1:5173/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'not a url',
    '',
    null,
    undefined,
    42,
  ]) {
    assert.equal(isAppUrl(url), false, String(url));
  }
});

test('only the top-level frame of the app page counts as a trusted IPC sender', () => {
  assert.ok(isTrustedSender({ url: 'app://framelens/index.html', parent: null }));
  assert.equal(isTrustedSender({ url: 'app://framelens/index.html', parent: {} }), false, 'a subframe');
  assert.equal(isTrustedSender({ url: 'https://example.com/', parent: null }), false);
  assert.equal(isTrustedSender({ url: 'file:///tmp/x.html', parent: null }), false);
  assert.equal(isTrustedSender(null), false, 'a frame that is gone');
  assert.equal(isTrustedSender(undefined), false);
});

test('links leave the app only as https with a host and no credentials', () => {
  assert.equal(safeExternalUrl('https://www.svd.se/a/123?x=1'), 'https://www.svd.se/a/123?x=1');
  assert.equal(safeExternalUrl('HTTPS://Example.com'), 'https://example.com/');
  for (const url of [
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://framelens/index.html',
    'https://user:pass@example.com/',
    'https://',
    'https:',
    `https://example.com/${'a'.repeat(3000)}`,
    '',
    {},
    null,
  ]) {
    assert.equal(safeExternalUrl(url), null, String(url));
  }
});

test('app:// requests map onto files of the built renderer', () => {
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/'), { ok: true, file: path.join(root, 'index.html') });
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/index.html'), { ok: true, file: path.join(root, 'index.html') });
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/assets/index-x1.js?v=2'), { ok: true, file: path.join(root, 'assets', 'index-x1.js') });
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/assets/na%C3%AFve%20name.css'), { ok: true, file: path.join(root, 'assets', 'naïve name.css') });
  // A reload on a client-side route still gets the UI.
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/articles/12'), { ok: true, file: path.join(root, 'index.html') });
});

test('app:// requests never reach outside the built renderer', () => {
  const attempts = [
    'app://framelens/../../etc/passwd',
    'app://framelens/%2e%2e/%2e%2e/etc/passwd',
    'app://framelens/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://framelens/assets/%2E%2E%2Fsecret.txt',
    'app://framelens/..%5C..%5Cwindows%5Cwin.ini',
    'app://framelens/assets/%00.js',
    'app://framelens/%E0%A4%A',
    'app://other/index.html',
    'https://framelens/index.html',
    'file:///srv/framelens/dist/renderer/index.html',
  ];
  for (const url of attempts) {
    const result = resolveAppAsset(root, url);
    if (result.ok) {
      assert.ok(result.file.startsWith(root + path.sep), `${url} stayed inside (${result.file})`);
    } else {
      assert.ok([400, 403, 404].includes(result.status), url);
    }
  }
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/assets/..%2F..%2F..%2Fetc%2Fpasswd'), { ok: false, status: 403 });
  assert.deepEqual(resolveAppAsset(root, 'app://framelens/..%5C..%5Cwindows%5Cwin.ini'), { ok: false, status: 400 });
  assert.deepEqual(resolveAppAsset(root, 'app://other/index.html'), { ok: false, status: 403 });
});

test('content types of the built UI', () => {
  assert.equal(contentTypeFor('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('a/b/index-x.JS'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('x.css'), 'text/css; charset=utf-8');
  assert.equal(contentTypeFor('font.woff2'), 'font/woff2');
  assert.equal(contentTypeFor('blob.bin'), 'application/octet-stream');
});

test('the CSP allows only the app itself to run code', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(directives.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe-eval'));
});

test('every contract method has its own channel, and saveText one apart from them', () => {
  const channels = methods.map(apiChannel);
  assert.equal(new Set(channels).size, methods.length);
  assert.ok(channels.every((c) => c.startsWith('api:')));
  assert.ok(!channels.includes(SAVE_TEXT_CHANNEL));
});

test('the project named on the command line', () => {
  const cwd = path.resolve('/home/analyst');
  assert.equal(projectPathFromArgv(['/opt/Framelens/framelens', 'election.framelens'], cwd), path.join(cwd, 'election.framelens'));
  assert.equal(projectPathFromArgv(['electron', '.', '/data/Study.FRAMELENS'], cwd), path.resolve('/data/Study.FRAMELENS'));
  assert.equal(projectPathFromArgv(['framelens', '--inspect=x.framelens', '--no-sandbox'], cwd), null, 'switches are not files');
  assert.equal(projectPathFromArgv(['framelens', 'notes.txt'], cwd), null);
  assert.equal(projectPathFromArgv(['a.framelens'], cwd), null, 'argv[0] is the program itself');
  assert.equal(projectPathFromArgv(['framelens', 'a.framelens', 'b.framelens'], cwd), path.join(cwd, 'b.framelens'), 'the last one wins');
});

test('new project names get the .framelens extension once', () => {
  assert.equal(withProjectExtension('/tmp/study'), '/tmp/study.framelens');
  assert.equal(withProjectExtension('/tmp/study.framelens'), '/tmp/study.framelens');
  assert.equal(withProjectExtension('/tmp/Study.FRAMELENS'), '/tmp/Study.FRAMELENS');
});

test('a suggested save name is a plain file name', () => {
  assert.equal(safeFileName('framelens-2024-05-01.csv'), 'framelens-2024-05-01.csv');
  assert.equal(safeFileName('../../.bashrc'), 'bashrc');
  assert.equal(safeFileName('C:\\Windows\\system32\\evil.csv'), 'evil.csv');
  assert.equal(safeFileName('a:b*c?.csv'), 'a_b_c_.csv');
  assert.equal(safeFileName('tab\there.csv'), 'tab_here.csv');
  assert.equal(safeFileName(''), 'framelens-export.csv');
  assert.equal(safeFileName('...'), 'framelens-export.csv');
  assert.equal(safeFileName(42), 'framelens-export.csv');
  assert.equal(safeFileName('x'.repeat(500)).length, 200);
});

test('save dialog filters follow the suggested name', () => {
  assert.deepEqual(saveFilters('export.csv'), [
    { name: 'CSV', extensions: ['csv'] },
    { name: 'All files', extensions: ['*'] },
  ]);
  assert.deepEqual(saveFilters('noext'), [{ name: 'All files', extensions: ['*'] }]);
});

test('the remembered desktop state survives garbage and keeps a short recent list', () => {
  assert.deepEqual(parseDesktopState(null), { lastProject: null, recent: [] });
  assert.deepEqual(parseDesktopState({ lastProject: 'relative.framelens', recent: [1, null, 'x'] }), { lastProject: null, recent: [] });
  const a = path.resolve('/p/a.framelens');
  const b = path.resolve('/p/b.framelens');
  assert.deepEqual(parseDesktopState({ lastProject: a, recent: [a, a, b] }), { lastProject: a, recent: [a, b] });

  let state = parseDesktopState(undefined);
  state = rememberProject(state, a);
  state = rememberProject(state, b);
  state = rememberProject(state, a);
  assert.deepEqual(state, { lastProject: a, recent: [a, b] });
  for (let i = 0; i < 20; i++) state = rememberProject(state, path.resolve(`/p/${i}.framelens`));
  assert.equal(state.recent.length, RECENT_LIMIT);
  assert.deepEqual(forgetProject({ lastProject: a, recent: [a, b] }, a), { lastProject: null, recent: [b] });
});
