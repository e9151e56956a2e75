// `framelens detect`: finds entity mentions in JSON lines read from standard input.
//
//   {"id": "a1", "text": "…"}            one article (or sentence) per line on stdin
//   {"id": "a1", "mentions": [{"start", "end", "type", "text", "entity"}]}   one line per input on stdout
//
// Offsets are UTF-16 code units, end exclusive. An input line may carry its own "language".
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

export const help = `Usage: framelens detect [--lang CODE] < articles.jsonl > mentions.jsonl

Finds mentions of people (PER), places (LOC) and organisations (ORG) in news text, offline.

Reads JSON lines {"id", "text"} (optionally "language") on standard input and writes one line
{"id", "mentions": [{"start", "end", "type", "text", "entity"}]} per input line on standard output.
Offsets count UTF-16 code units from 0, end exclusive; "entity" is the canonical name the mention
refers to ("Putins" → "Putin", "CSTO:s" → "CSTO").

Options:
  --lang CODE   language of every text (sv, en, de, …); by default taken from each line's
                "language" field, or detected from the text
  --help, -h    show this help

Exit status: 0 when every line was processed, 1 when some lines were not valid input (they are
reported on standard error and answered with an "error" field), 2 for a usage error.
`;

export async function run(argv: string[]): Promise<number> {
  let values: { lang?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`framelens detect: ${error instanceof Error ? error.message : String(error)}\nRun \`framelens detect --help\` for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const lang = values.lang?.trim();
  if (lang !== undefined && !/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]+)*$|^auto$/.test(lang)) {
    process.stderr.write(`framelens detect: --lang expects a language code such as sv or en, not "${values.lang}".\n`);
    return 2;
  }

  const { createDetector } = await import('../services/entities/detect/index.ts');
  const detector = createDetector();

  let bad = 0;
  let lineNo = 0;
  const out: string[] = [];
  let outSize = 0;
  const flush = () => {
    if (out.length === 0) return;
    process.stdout.write(out.join(''));
    out.length = 0;
    outSize = 0;
  };
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let id: unknown = null;
    let result: string;
    try {
      const input = JSON.parse(line) as { id?: unknown; text?: unknown; language?: unknown };
      if (input === null || typeof input !== 'object') throw new Error('expected an object {"id", "text"}');
      id = input.id ?? null;
      if (typeof input.text !== 'string') throw new Error('"text" must be a string');
      const language = lang ?? (typeof input.language === 'string' ? input.language : null);
      const mentions = detector.detect(input.text, { language });
      result = JSON.stringify({
        id,
        mentions: mentions.map((m) => ({ start: m.start, end: m.end, type: m.type, text: m.text, entity: m.entity })),
      });
    } catch (error) {
      bad++;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`framelens detect: line ${lineNo}: ${message}\n`);
      result = JSON.stringify({ id, mentions: [], error: message });
    }
    out.push(result, '\n');
    outSize += result.length;
    if (outSize > 1 << 16) flush();
  }
  flush();
  return bad ? 1 : 0;
}
