// A fixture case for the pipeline engine: files in, the exact set of active findings out (`rule@job`, file-level
// `rule@-`, findings in another file than the first `rule@job@file`), where they point and what they say.
import assert from 'node:assert/strict';
import { lintPipelineRepository, type PipelineFinding, type PipelineRepositoryResult } from '../../../../src/core/pipelines';

export interface PipelineCase {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly expect: readonly string[];
  /** rule@job → the exact text of the file between start and end. */
  readonly at?: Record<string, string>;
  /** rule@job → a text the message must contain. */
  readonly says?: Record<string, string>;
  readonly severity?: Record<string, string>;
}

export function findingKey(f: PipelineFinding, root: string): string {
  return `${f.ruleId}@${f.job ?? '-'}${f.file === root ? '' : `@${f.file}`}`;
}

export function checkCase(c: PipelineCase): PipelineRepositoryResult {
  const files = new Map(Object.entries(c.files));
  const root = Object.keys(c.files)[0]!;
  const result = lintPipelineRepository(files);
  const described = JSON.stringify(result.findings.map((f) => [findingKey(f, root), f.message]), null, 1);
  assert.deepEqual(result.findings.map((f) => findingKey(f, root)).sort(), [...c.expect].sort(), described);
  for (const [k, text] of Object.entries(c.at ?? {})) {
    const f = result.findings.find((x) => findingKey(x, root) === k);
    assert.ok(f, `no finding ${k}`);
    assert.equal(files.get(f.file)!.slice(f.start, f.end), text, `${k} points at the wrong text`);
  }
  for (const [k, text] of Object.entries(c.says ?? {})) {
    const f = result.findings.find((x) => findingKey(x, root) === k);
    assert.ok(f?.message.includes(text), `${k} should say "${text}": ${f?.message}`);
  }
  for (const [k, severity] of Object.entries(c.severity ?? {})) {
    assert.equal(result.findings.find((x) => findingKey(x, root) === k)?.severity, severity, `${k} severity`);
  }
  return result;
}
