// How the editor combines .release-hygiene.yaml with the VS Code settings (src/core/config/editorConfig.ts):
// the file's values win, settings fill the rest, and either place can turn a capability off.
import assert from 'node:assert/strict';
import {
  changedCapabilities,
  commitRulesLayer,
  enabledWith,
  flagDaysWith,
  migrationOptionsWith,
  pipelineOptionsWith,
  rebaseGlobs,
  warningKeyPosition,
} from '../../../../src/core/config/editorConfig';
import { parseProductConfig, type ProductConfig } from '../../../../src/core/config/productConfig';

const yaml = (text: string): ProductConfig => {
  const parsed = parseProductConfig(text, 'yaml');
  assert.deepEqual(parsed.warnings, []);
  return parsed.config;
};

describe('editor configuration (.release-hygiene.yaml over the VS Code settings)', () => {
  it('turns a capability off when either the setting or the file does', () => {
    const off = yaml('pipelines: { enabled: false }');
    assert.equal(enabledWith(true, off, 'pipelines'), false);
    assert.equal(enabledWith(true, off, 'flags'), true);
    assert.equal(enabledWith(false, {}, 'flags'), false);
    assert.equal(enabledWith(true, yaml('flags: { enabled: true }'), 'flags'), true);
  });

  it('takes the flag days from the file, the settings where it is silent, and never lets stale fall below expired', () => {
    const settings = { expireDays: 30, staleDays: 60 };
    assert.deepEqual(flagDaysWith(settings, {}), settings);
    assert.deepEqual(flagDaysWith(settings, yaml('flags: { staleDays: 5000 }')), { expireDays: 30, staleDays: 5000 });
    assert.deepEqual(flagDaysWith(settings, yaml('flags: { expireDays: 90 }')), { expireDays: 90, staleDays: 90 });
    assert.deepEqual(flagDaysWith(settings, yaml('flags: { expireDays: 1, staleDays: 2 }')), { expireDays: 1, staleDays: 2 });
  });

  it('takes migration globs, dialect and rule levels from the file over the settings', () => {
    const settings = { globs: ['db/migrate/*.rb'], dialect: undefined };
    assert.deepEqual(migrationOptionsWith(settings, {}), { globs: ['db/migrate/*.rb'], globsFromFile: false, dialect: undefined, rules: undefined });
    assert.deepEqual(migrationOptionsWith({ globs: [], dialect: 'mysql' }, yaml('migrations: { globs: ["sql/*.sql"], dialect: sqlite, rules: { drop-column: off } }')), {
      globs: ['sql/*.sql'],
      globsFromFile: true,
      dialect: 'sqlite',
      rules: { 'drop-column': 'off' },
    });
    // An empty rule map is no re-levelling at all.
    assert.equal(migrationOptionsWith(settings, yaml('migrations: { rules: {} }')).rules, undefined);
  });

  it('replaces each pipeline list the file names, keeps the settings for the others, and turns off rules', () => {
    const merged = pipelineOptionsWith(
      { productionEnvironments: ['live'], gateJobPatterns: ['verify'] },
      yaml('pipelines: { productionEnvironments: [prd], rules: { deploy-latest-tag: off, gate-allow-failure: information } }'),
    );
    assert.deepEqual(merged.options, { productionEnvironments: ['prd'], gateJobPatterns: ['verify'], disabledRules: ['deploy-latest-tag'] });
    assert.deepEqual(merged.rules, { 'deploy-latest-tag': 'off', 'gate-allow-failure': 'information' });
    assert.deepEqual(pipelineOptionsWith({ stagingEnvironments: ['uat'] }, {}), { options: { stagingEnvironments: ['uat'] }, rules: undefined });
  });

  it('adds the commit rules as the last layer, named as the CLI names it', () => {
    assert.equal(commitRulesLayer({}), undefined);
    assert.equal(commitRulesLayer(yaml('commits: { rules: {} }')), undefined);
    assert.deepEqual(commitRulesLayer(yaml('commits: { rules: { header-max-length: [2, always, 72] } }')), {
      config: { rules: { 'header-max-length': [2, 'always', 72] } },
      source: '.release-hygiene (commits.rules)',
    });
  });

  it('names only the capabilities whose section changed', () => {
    assert.deepEqual(changedCapabilities({}, {}), []);
    assert.deepEqual(changedCapabilities({}, yaml('flags: { staleDays: 3 }\npipelines: { enabled: false }')), ['flags', 'pipelines']);
    assert.deepEqual(changedCapabilities(yaml('migrations: { dialect: mysql }'), yaml('migrations: { dialect: mysql }')), []);
    assert.deepEqual(changedCapabilities(yaml('migrations: { dialect: mysql }'), {}), ['migrations']);
  });

  it('rebases the file globs onto a workspace folder below the repository root', () => {
    const globs = ['db/migrate/*.rb', './api/sql/*.sql', '**/migrations/*.sql'];
    assert.deepEqual(rebaseGlobs(globs, ''), globs);
    assert.deepEqual(rebaseGlobs(globs, 'api'), ['sql/*.sql', '**/migrations/*.sql']);
    assert.deepEqual(rebaseGlobs(globs, 'api/'), ['sql/*.sql', '**/migrations/*.sql']);
    assert.deepEqual(rebaseGlobs(['apis/*.sql'], 'api'), []);
  });

  it('places each warning the parser gives on the key it names, in YAML and JSON', () => {
    const text = ['flags:', '  staleDays: 5', '  expireDays: 10', 'pipelines:', '  rules: { deploy-latestt: off }', 'typo: 1', 'migrations: { dialect: oracle }'].join('\n');
    const { warnings } = parseProductConfig(text, 'yaml');
    const placed = warnings.map((warning) => [warning.split(' ')[0], warningKeyPosition(text, warning)]);
    assert.deepEqual(placed, [
      ['pipelines.rules.deploy-latestt:', { line: 4, start: 11, end: 25 }],
      ['unknown', { line: 5, start: 0, end: 4 }],
      ['migrations.dialect', { line: 6, start: 14, end: 21 }],
      ['flags.staleDays', { line: 1, start: 2, end: 11 }],
    ]);
    const json = '{\n  "flags": {\n    "stal": 3\n  }\n}';
    const [unknown] = parseProductConfig(json, 'json').warnings;
    assert.deepEqual(warningKeyPosition(json, unknown ?? ''), { line: 2, start: 5, end: 9 });
    assert.equal(warningKeyPosition(text, 'cannot be parsed (bad indentation); ignored'), undefined);
    assert.equal(warningKeyPosition('flags: {}', 'unknown key "absent" (known: x); ignored'), undefined);
  });
});
