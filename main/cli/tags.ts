// framelens tags: the codebook as a tree, with how often each tag is used.
import type { Tag } from '../api/contract.ts';
import { parseCommand, printJson } from './common.ts';
import { call, dbHelp, withProject } from './project.ts';

export const help = `Usage: framelens tags [options]

Shows the project's codebook (its tags) as a tree, each tag with the number of passages tagged
with it and its keyboard shortcut, if any. Name a tag by its path, e.g. "Rhetoric > Threat",
in \`framelens tag\` and \`framelens export\`.

Options:
  ${dbHelp}
  --json            print the tags as JSON (with ids and paths)
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Draws the tags as a tree; children keep the order the service gives (codebook order). */
export function renderTree(tags: Tag[]): string {
  const children = new Map<number | null, Tag[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const tag of tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(tag);
  }
  const label = (t: Tag) => {
    const uses = t.annotationCount === 1 ? '1 passage' : `${t.annotationCount} passages`;
    return `${t.name}  (${uses}${t.shortcut ? `, key ${t.shortcut}` : ''})`;
  };
  const lines: string[] = [];
  const visit = (parent: number | null, indent: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((tag, i) => {
      const last = i === list.length - 1;
      lines.push(parent === null ? label(tag) : `${indent}${last ? '└── ' : '├── '}${label(tag)}`);
      visit(tag.id, parent === null ? '' : indent + (last ? '    ' : '│   '));
    });
  };
  visit(null, '');
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand('tags', argv, options);
  return withProject('tags', values.db, { create: false }, (project) => {
    const { tags } = call(project, 'tags.list', {});
    if (values.json) printJson({ tags });
    else if (tags.length === 0) process.stdout.write('The codebook is empty; `framelens tag --tag "Group > Code" …` creates tags as it goes.\n');
    else process.stdout.write(renderTree(tags) + '\n');
    return 0;
  });
}
