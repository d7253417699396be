import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliTieringFor } from '../../../src/cli/v8Flags';
import { nodeLinesOrSkip, v8VersionOf } from './nodeLines';

describe('V8 flags of the CLI process', () => {
  it('on V8 11 (Node 20) sets --interrupt-budget, and puts back V8 11.3\'s own for a worker\'s start', () => {
    assert.deepEqual(cliTieringFor('11.3.244.8-node.33'), { cli: ['--interrupt-budget=1048576'], defaults: ['--interrupt-budget=67584'] });
  });

  it('on V8 12–14 (Node 22, 24, 26) scales each tier\'s invocation count, never the budget V8 12 dropped', () => {
    const counts = (flags: readonly string[]): Record<string, number> =>
      Object.fromEntries(flags.map((flag) => /^--invocation-count-for-([a-z-]+)=(\d+)$/.exec(flag)!.slice(1)).map(([tier, n]) => [tier!, Number(n)]));
    const node22 = cliTieringFor('12.4.254.21-node.33')!;
    assert.deepEqual(counts(node22.defaults), { maglev: 400, 'maglev-osr': 100, turbofan: 3000, osr: 800 });
    for (const version of ['13.6.233.10-node.28', '14.6.202.34-node.40']) {
      assert.deepEqual(counts(cliTieringFor(version)!.defaults), { maglev: 400, 'maglev-osr': 100, turbofan: 3000, osr: 500 }, version);
    }
    for (const version of ['12.4.254.21-node.33', '13.6.233.10-node.28', '14.6.202.34-node.40']) {
      const tiering = cliTieringFor(version)!;
      const cli = counts(tiering.cli);
      const defaults = counts(tiering.defaults);
      assert.deepEqual(Object.keys(cli), Object.keys(defaults), version);
      const factors = new Set(Object.keys(cli).map((tier) => cli[tier]! / defaults[tier]!));
      assert.equal(factors.size, 1, `${version}: one factor for every tier`);
      assert.ok([...factors][0]! > 1, `${version}: later than V8's defaults`);
      assert.ok(!tiering.cli.some((flag) => flag.startsWith('--interrupt-budget')), version);
    }
  });

  it('keeps V8\'s defaults for flags on V8 12+ (measured slower there), not on V8 11', () => {
    for (const version of ['12.4.254.21-node.33', '13.6.233.10-node.28', '14.6.202.34-node.40']) {
      assert.equal(cliTieringFor(version, 'flags'), undefined, version);
      assert.ok(cliTieringFor(version, 'migrations'), version);
    }
    assert.ok(cliTieringFor('11.3.244.8-node.33', 'flags'));
  });

  it('keeps V8\'s defaults on a V8 it was not measured on', () => {
    for (const version of ['10.2.154.26-node.26', '15.0.1', '111.0', 'x']) assert.equal(cliTieringFor(version), undefined, version);
  });

  it('puts back exactly the defaults of each Node line users run (22, 24, 26), as its V8 prints them', function () {
    this.timeout(600_000); // a first fetch of the binaries
    const lines = nodeLinesOrSkip(this);
    if (lines === undefined) return;
    for (const { line, node } of lines) {
      const tiering = cliTieringFor(v8VersionOf(node));
      assert.ok(tiering, `Node ${line}: the CLI has settings for its V8`);
      const options = spawnSync(node, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).stdout;
      for (const flag of tiering.defaults) {
        const name = flag.slice(0, flag.indexOf('='));
        assert.ok(options.includes(`default: ${flag}\n`), `Node ${line}: ${name} is a flag of its V8 with default ${flag}`);
      }
    }
  });
});

