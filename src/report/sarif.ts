// SARIF 2.1.0 for code scanning (GitHub and others): rule metadata from the registry, one
// result per finding with a relative location and a stable fingerprint.
import { pathToFileURL } from 'node:url';
import { RULES, type RuleInfo, type Severity } from '../rules.js';
import type { Finding, Report, SuppressedFinding } from '../types.js';
import { artifactLocation, primaryLocation, repoPath, SRCROOT } from './location.js';
import type { ReporterMeta } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };
// GitHub orders code-scanning alerts by this number (0.0–10.0).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };

function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function renderSarif(report: Report, meta: ReporterMeta): string {
  const where = (p: string): string => repoPath(p, meta.source).path;
  return sarifLog(
    [...report.findings, ...(report.suppressed.findings ?? [])].map((f) => [f, report]),
    meta,
    `ctxcheck/${where(report.context)}/${report.dockerfile === null ? 'no-dockerfile' : where(report.dockerfile)}`,
  );
}

/**
 * `automationDetails.id` is "<category>/<run id>" (SARIF §3.17.4); GitHub code scanning keeps one
 * set of alerts per category. The run id is left empty, as github/codeql-action/upload-sarif
 * does for its `category` input, so the id is the same on every run and machine.
 */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

function suppression(f: SuppressedFinding): { kind: 'inSource' | 'external'; justification: string } {
  if (f.suppressedBy === 'comment') return { kind: 'inSource', justification: 'ctxcheck:allow comment' };
  return { kind: 'external', justification: f.suppressedBy === 'baseline' ? 'in the ctxcheck baseline' : 'in the ctxcheck config allowlist' };
}

/** One SARIF run over findings from one or more reports (each locates its own findings). */
export function sarifLog(pairs: readonly (readonly [Finding, Report])[], meta: ReporterMeta, defaultCategory: string): string {
  const all = Object.values(RULES) as RuleInfo[];
  const index = new Map(all.map((r, i) => [r.id, i]));
  const rules = all.map((r) => ({
    id: r.id,
    // SARIF wants a name distinct from the opaque id; a one-word id gets none.
    ...(ruleName(r.id).toLowerCase() !== r.id.toLowerCase() ? { name: ruleName(r.id) } : {}),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: { text: r.description, markdown: `${r.description}\n\nSee the ctxcheck rule list: ${meta.homepage}#rules` },
    helpUri: `${meta.homepage}#rules`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      category: r.category,
      tags: [r.category, ...(r.category === 'secret' ? ['security'] : [])],
      precision: 'high',
      ...(r.category === 'secret' ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}),
    },
  }));
  const results = pairs.map(([f, report]) => {
    const loc = primaryLocation(f, report);
    const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: LEVEL[f.severity],
      message: { text: text.endsWith('.') ? text : `${text}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(loc.file, meta.source),
            region: { startLine: loc.line },
          },
        },
      ],
      ...(f.fingerprint ? { partialFingerprints: { 'ctxcheck/v1': f.fingerprint } } : {}),
      ...(f.placement ? { properties: { placement: f.placement } } : {}),
      // SARIF §3.35: a suppressed result stays in the log, marked; viewers (GitHub code scanning)
      // show it as dismissed. An allow comment is in the source; baseline and config are not.
      ...('suppressedBy' in f ? { suppressions: [suppression(f as SuppressedFinding)] } : {}),
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ctxcheck',
            version: meta.version,
            semanticVersion: meta.version,
            informationUri: meta.homepage,
            rules,
          },
        },
        automationDetails: { id: automationId(meta.category ?? defaultCategory) },
        // Where %SRCROOT% is on this machine (§3.14.14), so a viewer resolves the relative URIs.
        ...(meta.source?.repoRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${meta.source.repoRoot}/`).href } } } : {}),
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
