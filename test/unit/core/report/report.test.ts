// The pure report builders: escaping, fingerprints, levels, regions.
import assert from 'node:assert/strict';
import { fingerprints, githubAnnotations, gitlabCodeQuality, LineIndex, sarifLog, type ReportFinding } from '../../../../src/core/report';

const base: ReportFinding = {
  capability: 'pipelines',
  ruleId: 'deploy-latest-tag',
  severity: 'warning',
  message: 'deploy: 100% "latest"\nsecond line',
  file: 'ci/a,b:c.yml',
  region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
  subject: 'deploy',
};

describe('report builders', () => {
  it('github: data escapes % CR LF, properties also : and ,', () => {
    assert.equal(
      githubAnnotations([base]),
      '::warning file=ci/a%2Cb%3Ac.yml,line=3,col=5,endLine=3,endColumn=9,title=deploy-latest-tag::deploy: 100%25 "latest"%0Asecond line\n',
    );
    assert.equal(githubAnnotations([{ ...base, suppressed: { reason: 'mirror' } }]), '', 'suppressed findings are not annotated');
  });

  it('fingerprints ignore positions, change with rule and file; repeats are numbered', () => {
    const moved = { ...base, region: { startLine: 30, startColumn: 1, endLine: 31, endColumn: 2 } };
    const [a, b] = fingerprints([base, moved]);
    assert.notEqual(a, b, 'the same identity twice gets an occurrence number');
    assert.equal(fingerprints([moved])[0], a, 'a moved finding keeps its fingerprint');
    assert.notEqual(fingerprints([{ ...base, file: 'other.yml' }])[0], a);
    assert.notEqual(fingerprints([{ ...base, ruleId: 'gate-allow-failure' }])[0], a);
    assert.match(a!, /^[0-9a-f]{32}$/);
  });

  it('sarif levels and gitlab severities follow the finding severity; suppressed findings stay in SARIF only', () => {
    const findings: ReportFinding[] = [{ ...base, severity: 'error' }, { ...base, severity: 'information', subject: 'x' }, { ...base, subject: 'y', suppressed: { reason: 'why' } }];
    const results = sarifLog(findings, { name: 't', version: '1', informationUri: 'https://example.invalid' }).runs[0].results;
    assert.deepEqual(results.map((r) => r.level), ['error', 'note', 'warning']);
    assert.deepEqual(results[2]!.suppressions, [{ kind: 'inSource', justification: 'why' }]);
    assert.deepEqual(gitlabCodeQuality(findings).map((issue) => issue.severity), ['major', 'info']);
  });

  it('LineIndex: 1-based regions with an exclusive end, across lines', () => {
    const index = new LineIndex('ab\ncd\n');
    assert.deepEqual(index.region(1, 4), { startLine: 1, startColumn: 2, endLine: 2, endColumn: 2 });
    assert.deepEqual(index.region(3, 3), { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
  });

  it('LineIndex: counts line breaks as a TextDocument does (CRLF, LF and a lone CR)', () => {
    const text = 'a\r\nb\rc\nd\r\r\ne';
    const index = new LineIndex(text);
    assert.deepEqual(index.position(text.indexOf('b')), { line: 2, column: 1 });
    // A lone CR ends a line: `c` is on line 3, as the editor shows it.
    assert.deepEqual(index.position(text.indexOf('c')), { line: 3, column: 1 });
    assert.deepEqual(index.position(text.indexOf('d')), { line: 4, column: 1 });
    // `d\r` then an empty line ended by CRLF, then `e`.
    assert.deepEqual(index.position(text.indexOf('e')), { line: 6, column: 1 });
    // Inside a CRLF: clamped to the line's end. Past the end: the last line's end.
    assert.deepEqual(index.position(2), { line: 1, column: 2 });
    assert.deepEqual(index.position(text.length + 10), { line: 6, column: 2 });
    assert.deepEqual(index.position(-3), { line: 1, column: 1 });
  });

  it('LineIndex: the text without CR takes the same lines as the general loop', () => {
    // The LF-only shortcut against the general loop: the same text with one CR appended at the end must give
    // identical positions for every offset before it.
    const text = 'one\n\ntwo three\nfour\n';
    const plain = new LineIndex(text);
    const general = new LineIndex(text + 'x\r');
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(plain.position(offset), general.position(offset), `offset ${offset}`);
  });
});
