// `npm run test:security`: a static review of Framelens's main-process sources (main/, TypeScript as
// written) with @doyensec/electronegativity. Exits 1 on any finding of severity MEDIUM or above, on any
// finding electronegativity marks for manual review, and on any file it could not parse, unless the
// finding is listed in REVIEWED below with the reason it is safe. The fix for a finding is to make the
// code secure; REVIEWED is only for what the tool cannot see.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scanned = path.join(root, 'main');
const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity');
// The CSP evaluator electronegativity itself uses, resolved from electronegativity's own dependencies.
const csp = createRequire(require.resolve('@doyensec/electronegativity'))('@doyensec/csp-evaluator');

const MEDIUM = 2;

/** Checks left out, each with the reason. */
const EXCLUDED_CHECKS = {
  // Downloads Electron's release list from GitHub (build machines are offline), and only looks at an
  // Electron version in package.json, which is not under main/.
  availablesecurityfixesglobalcheck: 'needs the network; reads package.json, which is outside main/',
};

/**
 * Findings a person has reviewed. Matched by check id and file (relative to main/); `max` is how many such
 * findings the file may have, so a second, unreviewed call in the same file still fails the run.
 */
const REVIEWED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/security.ts',
    max: 1,
    reason:
      'shell.openExternal only ever receives the result of safeExternalUrl(): an https URL with a host and no credentials (test/unit/electron-policy.test.ts).',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/window.ts',
    max: 1,
    reason:
      'The preload is ours, bundled to one file, and runs sandboxed with context isolation; through contextBridge it exposes one fixed function per contract method plus saveText. Channel names come from the contract, and the main process checks every sender frame.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    max: 1,
    reason:
      'The CSP is sent as a response header on every app:// response (main/electron/protocol.ts), which electronegativity does not look for. This script evaluates that header with the same csp-evaluator and fails if it is weak.',
    verify: verifyHeaderCsp,
  },
];

/** Evaluates the CSP the app:// protocol sends; returns the problems (HIGH or MEDIUM), or none. */
async function verifyHeaderCsp() {
  const policy = await tsImport('../../main/electron/policy.ts', import.meta.url);
  const header = policy.CONTENT_SECURITY_POLICY;
  if (typeof header !== 'string' || header.length === 0) return ['main/electron/policy.ts exports no CONTENT_SECURITY_POLICY'];
  const findings = new csp.CspEvaluator(new csp.CspParser(header).csp, csp.Version.CSP3).evaluate();
  const weak = findings.filter((f) => f.severity === csp.severities.HIGH || f.severity === csp.severities.MEDIUM);
  const severityName = (value) => Object.keys(csp.severities).find((k) => csp.severities[k] === value) ?? String(value);
  for (const f of findings.filter((x) => !weak.includes(x))) {
    console.log(`    note on the app:// CSP (${severityName(f.severity)}): ${f.directive}: ${f.description}`);
  }
  return weak.map((f) => `weak app:// CSP (${severityName(f.severity)}): ${f.directive}: ${f.description}`);
}

function countSources(dir) {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) n += countSources(full);
    else if (/\.(ts|tsx|js|mjs|cjs|jsx|html|json)$/.test(entry.name)) n += 1;
  }
  return n;
}

function describe(issue) {
  const where = issue.file === 'N/A' ? '(whole app)' : `main/${issue.file}:${issue.location.line}:${issue.location.column}`;
  const review = issue.manualReview ? ', needs review' : '';
  return `${issue.id} [${issue.severity.name}/${issue.confidence.name}${review}] ${where}\n      ${issue.description}\n      ${issue.shortenedURL ?? ''}`;
}

async function main() {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const result = await runElectronegativity(
    {
      input: scanned,
      isRelative: true,
      customScan: [],
      excludeFromScan: Object.keys(EXCLUDED_CHECKS),
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );

  const failures = [];
  const reviewed = [];
  const minor = [];

  for (const error of result.errors) {
    if (error.tolerable) console.log(`  parser note: ${error.file}: ${error.message}`);
    else failures.push(`could not parse ${error.file}: ${error.message} (the file was not checked)`);
  }

  const used = new Map();
  for (const issue of result.issues) {
    const blocking = issue.severity.value >= MEDIUM || issue.manualReview === true;
    if (!blocking) {
      minor.push(issue);
      continue;
    }
    const entry = REVIEWED.find((r) => r.id === issue.id && r.file === issue.file);
    const count = (used.get(entry) ?? 0) + 1;
    if (!entry || count > entry.max) {
      failures.push(describe(issue));
      continue;
    }
    used.set(entry, count);
    const problems = entry.verify ? await entry.verify() : [];
    if (problems.length > 0) failures.push(...problems.map((p) => `${describe(issue)}\n      ${p}`));
    else reviewed.push({ issue, entry });
  }

  console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} on main/ (Electron ${electronVersion})`);
  for (const [check, reason] of Object.entries(EXCLUDED_CHECKS)) console.log(`  left out ${check}: ${reason}`);
  for (const { issue, entry } of reviewed) console.log(`  reviewed  ${describe(issue)}\n      why it is safe: ${entry.reason}`);
  for (const issue of minor) console.log(`  minor     ${describe(issue)}`);
  for (const entry of REVIEWED) {
    if (!used.has(entry)) console.log(`  note: the reviewed finding ${entry.id} in ${entry.file} no longer occurs; remove it from REVIEWED.`);
  }
  for (const failure of failures) console.error(`  FAIL      ${failure}`);

  const summary =
    `electronegativity: ${countSources(scanned)} files, ${result.globalChecks + result.atomicChecks} checks, ` +
    `${result.issues.length} findings: ${failures.length} failing, ${reviewed.length} reviewed, ${minor.length} low/informational`;
  if (failures.length > 0) {
    console.error(`${summary} — FAILED`);
    process.exit(1);
  }
  console.log(`${summary} — passed`);
}

main().catch((error) => {
  console.error('electronegativity could not run:', error);
  process.exit(1);
});
