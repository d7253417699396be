// .release-hygiene.yaml: parsing, warnings naming the key, and the shipped JSON schema agreeing with the parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { capabilityEnabled, parseProductConfig, pipelineOptionsFrom, PRODUCT_CONFIG_KEYS, relevelFindings } from '../../../../src/core/config/productConfig';
import { CAPABILITIES } from '../../../../src/core/report';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

describe('product configuration (.release-hygiene.yaml)', () => {
  it('reads every section; YAML and JSON alike', () => {
    const yaml = [
      'commits:', '  rules:', '    header-max-length: [2, always, 72]',
      'release: { enabled: false }',
      'flags: { expireDays: 10, staleDays: 20 }',
      'migrations: { globs: ["sql/*.sql"], dialect: mysql, rules: { drop-column: warning } }',
      'pipelines: { productionEnvironments: [prd], rules: { deploy-latest-tag: off, gate-allow-failure: information } }',
    ].join('\n');
    const parsed = parseProductConfig(yaml, 'yaml');
    assert.deepEqual(parsed.warnings, []);
    assert.deepEqual(parsed.config, {
      commits: { rules: { 'header-max-length': [2, 'always', 72] } },
      release: { enabled: false },
      flags: { expireDays: 10, staleDays: 20 },
      migrations: { globs: ['sql/*.sql'], dialect: 'mysql', rules: { 'drop-column': 'warning' } },
      pipelines: { productionEnvironments: ['prd'], rules: { 'deploy-latest-tag': 'off', 'gate-allow-failure': 'information' } },
    });
    assert.deepEqual(parseProductConfig(JSON.stringify(parsed.config), 'json').config, parsed.config);
    assert.equal(capabilityEnabled(parsed.config, 'release'), false);
    assert.equal(capabilityEnabled(parsed.config, 'flags'), true);
    assert.deepEqual(pipelineOptionsFrom(parsed.config), { productionEnvironments: ['prd'], disabledRules: ['deploy-latest-tag'] });
  });

  it('unknown keys, rules and bad values are warnings that name the key; the value is ignored', () => {
    const parsed = parseProductConfig('flagz: {}\nflags: { staleDays: -1, expiry: 3 }\nmigrations: { rules: { drop-colum: off, drop-table: fatal } }\n', 'yaml');
    assert.deepEqual(parsed.config, { flags: {}, migrations: { rules: {} } });
    assert.equal(parsed.warnings.length, 5);
    for (const key of ['"flagz"', 'flags.staleDays', '"flags.expiry"', 'migrations.rules.drop-colum', 'migrations.rules.drop-table']) {
      assert.ok(parsed.warnings.some((warning) => warning.includes(key)), `a warning names ${key}: ${parsed.warnings.join(' | ')}`);
    }
  });

  it('staleDays below expireDays drops both with a warning', () => {
    const parsed = parseProductConfig('flags: { expireDays: 30, staleDays: 10 }\n', 'yaml');
    assert.deepEqual(parsed.config, { flags: {} });
    assert.match(parsed.warnings[0]!, /flags\.staleDays \(10\) must not be below flags\.expireDays \(30\)/);
  });

  it('an unparsable file or an alias bomb is one warning and an empty configuration', () => {
    assert.match(parseProductConfig('flags: [unclosed', 'yaml').warnings[0]!, /cannot be parsed/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const parsed = parseProductConfig(bomb, 'yaml');
    assert.deepEqual(parsed.config, {});
    assert.match(parsed.warnings[0]!, /cannot be parsed/);
    assert.deepEqual(parseProductConfig('', 'yaml'), { config: {}, warnings: [] });
  });

  it('relevelFindings re-levels and drops by rule id', () => {
    const finding = (ruleId: string) => ({ ruleId, severity: 'error' as const, message: '', start: 0, end: 0 });
    assert.deepEqual(relevelFindings([finding('a'), finding('b'), finding('c')], { a: 'off', b: 'warning' }).map((f) => `${f.ruleId}:${f.severity}`), ['b:warning', 'c:error']);
  });

  it('media/release-hygiene.schema.json lists exactly the keys the parser accepts, and package.json registers it', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'release-hygiene.schema.json'), 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(schema.properties).filter((key) => key !== '$schema'), [...CAPABILITIES]);
    for (const capability of CAPABILITIES) assert.deepEqual(Object.keys(schema.properties[capability]!.properties ?? {}), PRODUCT_CONFIG_KEYS[capability], capability);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, Array<{ fileMatch: string[]; url: string }>> };
    const registered = [...pkg.contributes.yamlValidation!, ...pkg.contributes.jsonValidation!].filter((entry) => entry.url === './media/release-hygiene.schema.json').flatMap((entry) => entry.fileMatch);
    assert.deepEqual(registered.sort(), ['.release-hygiene.json', '.release-hygiene.yaml', '.release-hygiene.yml']);
  });

  it('the JSON schema accepts what the parser accepts and rejects an unknown key', () => {
    const schema: object = JSON.parse(readFileSync(join(ROOT, 'media', 'release-hygiene.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const good = parseProductConfig('commits: { enabled: true, rules: { header-max-length: [2, always, 72] } }\nflags: { staleDays: 90 }\npipelines: { rules: { deploy-latest-tag: off } }\n', 'yaml');
    assert.deepEqual(good.warnings, []);
    assert.ok(validate(good.config), JSON.stringify(validate.errors));
    assert.equal(validate({ flagz: {} }), false);
    assert.equal(validate({ migrations: { rules: { 'drop-table': 'fatal' } } }), false);
  });
});
