// Fixture table: every file under test/fixtures/migrations states on its first line which findings it must give
// (`expect: rule:column, …` or `expect: none`), optionally `suppressed: rule:column` and `notAnalysed: N`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyseMigrationText, detectFramework, loadSqlParsers, type MigrationFinding, type SqlDialect } from '../../../../src/core/migrations';

const root = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'migrations');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const key = (f: MigrationFinding): string => (f.ruleId === 'invalid-suppression' ? f.ruleId : `${f.ruleId}:${f.columnName ?? f.table}`);
const list = (header: string | undefined): string[] =>
  !header || header.trim() === 'none' ? [] : header.split(',').map((s) => s.trim()).filter(Boolean).sort();

describe('migrations: fixture table per framework and dialect', () => {
  before(async () => {
    await loadSqlParsers();
  });

  for (const file of files(root)) {
    const path = relative(root, file).split('\\').join('/');
    const group = path.split('/')[0]!;
    it(path, () => {
      const text = readFileSync(file, 'utf8');
      const framework = detectFramework(path, text) ?? 'sql';
      const dialect: SqlDialect | undefined = group === 'mysql' ? 'mysql' : group === 'sqlite' ? 'sqlite' : group === 'postgres' ? 'postgres' : undefined;
      const expected = list(/expect:\s*(.*?)\s*(?:-->)?$/m.exec(text)?.[1]);
      const suppressed = list(/suppressed:\s*(.*)$/m.exec(text)?.[1]);
      const notAnalysed = Number(/notAnalysed:\s*(\d+)/.exec(text)?.[1] ?? 0);
      const result = analyseMigrationText(text, { framework, path, ...(dialect ? { dialect } : {}) });
      assert.deepEqual(result.findings.filter((f) => f.severity !== 'information').map(key).sort(), expected, `findings of ${path} (${framework})`);
      assert.deepEqual((result.suppressedFindings ?? []).map(key).sort(), suppressed, `suppressed in ${path}`);
      assert.equal(result.notAnalysed.length, notAnalysed, `not analysed in ${path}: ${JSON.stringify(result.notAnalysed)}`);
      for (const f of result.findings) {
        if (f.ruleId === 'invalid-suppression') continue;
        // Every finding points at the name it is about (exact positions, quotes allowed).
        const named = text.slice(f.start, f.end).replace(/^[:"'`[]+|["'`\]]+$/g, '').toLowerCase();
        const target = (f.columnName ?? f.table).toLowerCase();
        assert.ok(named === target || (f.ruleId === 'drop-column' && /_(id|type)$|^(created|updated)_at$/.test(target)) || (group === 'liquibase' && !path.endsWith('.xml')), `${path}: ${f.ruleId} points at ${JSON.stringify(text.slice(f.start, f.end))}, not ${target}`);
      }
    });
  }
});

describe('migrations: robustness', () => {
  before(async () => {
    await loadSqlParsers();
  });

  it('never throws and always ends on every prefix of every fixture (unterminated strings, comments, calls)', function () {
    this.timeout(120_000);
    let runs = 0;
    for (const file of files(root)) {
      const path = relative(root, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8');
      const framework = detectFramework(path, text) ?? 'sql';
      for (let cut = 0; cut <= text.length; cut += 5) {
        const prefix = text.slice(0, cut);
        const result = analyseMigrationText(prefix, { framework, path });
        for (const f of result.findings) assert.ok(f.start >= 0 && f.end <= prefix.length && f.start <= f.end, `${path} cut at ${cut}: range ${f.start}-${f.end}`);
        runs++;
      }
    }
    assert.ok(runs > 1000);
  });
});
