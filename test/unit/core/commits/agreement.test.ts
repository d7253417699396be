/**
 * Agreement with commitlint: every message of every corpus in test/fixtures/corpora (or $RH_CORPORA_DIR)
 * is linted by the real @commitlint/lint with @commitlint/config-conventional's rules and the
 * conventional-changelog-conventionalcommits parser options, and by lintCommitMessage with
 * DEFAULT_COMMITLINT_CONFIG. Verdicts (valid = no error) must agree on at least 99.5% of each corpus.
 * Every disagreement is classified; the summary printed here is what docs/compatibility.md reports.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CORPORA_DIR } from '../../../../bench/replayCorpus';
import lint from '@commitlint/lint';
import configConventional from '@commitlint/config-conventional';
import preset from 'conventional-changelog-conventionalcommits';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage } from '../../../../src/core/commits';
import { leadingAcronymOrI } from '../../../../src/core/commits/rules/subject-case';

const corporaDir = CORPORA_DIR;
const THRESHOLD = 0.995;

interface Disagreement {
  readonly cls: string;
  readonly message: string;
  readonly ours: boolean;
  readonly theirs: boolean;
  readonly detail: string;
}

/** Why we and commitlint differ on one message; "unexplained" fails nothing by itself but is reported. */
function classify(message: string, theirErrors: readonly string[], ourErrors: readonly string[]): string {
  const theirOnly = theirErrors.filter((e) => !ourErrors.includes(e));
  const ourOnly = ourErrors.filter((e) => !theirErrors.includes(e));
  if (theirOnly.length === 1 && theirOnly[0] === 'subject-case' && ourOnly.length === 0) {
    const subject = lintCommitMessage(message, { config: DEFAULT_COMMITLINT_CONFIG }).parsed.subject ?? '';
    if (leadingAcronymOrI(subject)) return 'deliberate: acronym or "I" starts the subject (subject-case)';
  }
  return `unexplained: commitlint [${theirOnly.join(', ')}] vs ours [${ourOnly.join(', ')}]`;
}

const corpora = existsSync(corporaDir)
  ? readdirSync(corporaDir).filter((f) => f.endsWith('.commits.jsonl.gz')).sort()
  : [];

describe('agreement with commitlint (config-conventional) on real histories', function () {
  this.timeout(120_000);

  it(`finds the corpora in ${corporaDir}`, () => {
    assert.ok(
      corpora.length > 0,
      `no *.commits.jsonl.gz corpora in ${corporaDir}: set RH_CORPORA_DIR to the directory that holds them`,
    );
  });

  for (const file of corpora) {
    it(`agrees on ≥ ${THRESHOLD * 100}% of ${file}`, async () => {
      // The preset's typings declare `{}`; the parser options live under `.parser` at runtime.
      const parserOpts = ((await preset()) as { parser: unknown }).parser as never;
      const rules = configConventional.rules;
      const lines = gunzipSync(readFileSync(join(corporaDir, file))).toString('utf8').split('\n').filter(Boolean);
      const messages = lines.map((l) => (JSON.parse(l) as { message: string }).message);
      let agree = 0;
      let deliberate = 0;
      let theirInvalid = 0;
      let ourInvalid = 0;
      let layoutMismatch = 0;
      let sameErrorRules = 0;
      let sameWarningRules = 0;
      let crlfDiffers = 0;
      const disagreements: Disagreement[] = [];
      for (const message of messages) {
        const theirs = await lint(message, rules, { parserOpts, defaultIgnores: true });
        const ours = lintCommitMessage(message, { config: DEFAULT_COMMITLINT_CONFIG });
        if (!theirs.valid) theirInvalid++;
        if (!ours.valid) ourInvalid++;
        // Our line model must place exactly the body and footer the parser reports.
        const { layout, body, footer } = ours.parsed;
        const slice = (s?: { start: number; end: number }): string | null =>
          s ? message.slice(s.start, s.end).replace(/\r\n/g, '\n') : null;
        if ((body || null) !== (body ? slice(layout.body) : null) || (footer || null) !== (footer ? slice(layout.footer) : null)) {
          layoutMismatch++;
        }
        const commitlintIds = (level: 'error' | 'warning'): string =>
          [...new Set(ours.findings.filter((f) => f.severity === level && f.helpUrl?.includes('commitlint.js.org')).map((f) => f.ruleId))]
            .sort()
            .join(',');
        if (commitlintIds('error') === theirs.errors.map((e) => e.name).sort().join(',')) sameErrorRules++;
        if (commitlintIds('warning') === theirs.warnings.map((e) => e.name).sort().join(',')) sameWarningRules++;
        // The same message with CRLF line ends must get the same findings, at the mapped offsets.
        const crlf = lintCommitMessage(message.replace(/\r?\n/g, '\r\n'), { config: DEFAULT_COMMITLINT_CONFIG });
        if (
          crlf.valid !== ours.valid ||
          crlf.findings.map((f) => f.ruleId).join() !== ours.findings.map((f) => f.ruleId).join()
        ) {
          crlfDiffers++;
        }
        if (theirs.valid === ours.valid) {
          agree++;
          continue;
        }
        const theirErrors = theirs.errors.map((e) => e.name);
        const ourErrors = [...new Set(ours.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))];
        const cls = classify(message, theirErrors, ourErrors);
        if (cls.startsWith('deliberate')) deliberate++;
        disagreements.push({
          cls,
          message,
          ours: ours.valid,
          theirs: theirs.valid,
          detail: `commitlint: ${theirs.errors.map((e) => `${e.name}: ${e.message}`).join('; ') || 'valid'} | ours: ${
            ours.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`).join('; ') || 'valid'
          }`,
        });
      }
      const total = messages.length;
      const raw = agree / total;
      const adjusted = (agree + deliberate) / total;
      const byClass = new Map<string, Disagreement[]>();
      for (const d of disagreements) byClass.set(d.cls, [...(byClass.get(d.cls) ?? []), d]);
      const report = [
        `${file}: ${total} messages; commitlint invalid ${theirInvalid}, ours invalid ${ourInvalid}`,
        `  agreement raw ${agree}/${total} = ${(raw * 100).toFixed(2)}%; counting deliberate differences as agreement ${agree + deliberate}/${total} = ${(adjusted * 100).toFixed(2)}%`,
        `  same set of commitlint error rules: ${sameErrorRules}/${total}; same warning rules: ${sameWarningRules}/${total}`,
        `  body/footer placement mismatches: ${layoutMismatch}; CRLF copies linted differently: ${crlfDiffers}`,
        ...[...byClass.entries()].map(
          ([cls, list]) =>
            `  ${list.length} × ${cls}\n${list
              .slice(0, 3)
              .map((d) => `      e.g. ${JSON.stringify(d.message.split('\n')[0])} (${d.detail})`)
              .join('\n')}`,
        ),
      ].join('\n');
      console.log(report);
      assert.equal(layoutMismatch, 0, 'body/footer offsets must reproduce the parser output');
      assert.equal(crlfDiffers, 0, 'CRLF line ends must not change the findings');
      assert.ok(raw >= THRESHOLD, `raw agreement ${(raw * 100).toFixed(2)}% < ${THRESHOLD * 100}%\n${report}`);
    });
  }
});
