// `ctxcheck --all` through the built bin on real-repository layouts: templates are counted, not
// analysed; a Dockerfile kept in a subdirectory is checked against the ancestor its COPY
// sources resolve in (said in the report), not against a guessed context.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const repo = (): string =>
  writeTree({
    files: {
      'docker/app/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY src/ ./src/\n',
      'docker/Dockerfile.j2': 'FROM {{ base }}\nCOPY not-here /x\n',
      'package.json': '{}',
      'src/index.js': '1\n',
      '.devcontainer/devcontainer.json': '{\n  // comments are allowed\n  "build": { "dockerfile": "Dockerfile", "context": "..", },\n}\n',
      '.devcontainer/Dockerfile': 'FROM node:20\nCOPY package.json /\n',
    },
  });

describe('--all on a real-repository layout', () => {
  it('json: skippedTemplates, contextChoice, a devcontainer build; no copy-missing', () => {
    const dir = repo();
    const r = runCli(['.', '--all', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      targets: { name: string; kind: string; context: string; contextChoice?: unknown; findings: { rule: string }[] }[];
      discovery: { skippedTemplates: string[]; found: { file: string; kind: string }[] };
    };
    expect(j.discovery.skippedTemplates).toEqual(['docker/Dockerfile.j2']);
    expect(j.discovery.found.map((f) => f.kind).sort()).toEqual(['devcontainer', 'dockerfile', 'dockerfile']);
    expect(j.targets.map((t) => [t.name, t.kind])).toEqual([
      ['devcontainer .devcontainer/devcontainer.json', 'devcontainer'],
      ['Dockerfile docker/app/Dockerfile', 'dockerfile'],
    ]);
    const app = j.targets[1]!;
    expect(app.contextChoice).toEqual({ reason: 'copy-sources', sources: 2, resolved: 2, resolvedInOwnDir: 0 });
    expect(j.targets.flatMap((t) => t.findings.map((f) => f.rule))).not.toContain('copy-missing');
  });

  it('text: the template count and the chosen context are printed', () => {
    const r = runCli(['.', '--all', '--fail-on', 'none'], { cwd: repo() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Dockerfile templates not analysed: 1 (docker/Dockerfile.j2)');
    expect(r.stdout).toMatch(/note: context is \., chosen by its COPY\/ADD sources: 2 of 2 resolve there, 0 in the Dockerfile's own directory/);
  });
});
