// The real-world flags corpus (test/fixtures/real-world/flags, provenance in test/fixtures/real-world/flags/README.md):
// source files with flag calls from applications and examples nobody here wrote (Unleash, LaunchDarkly, OpenFeature,
// PostHog, GrowthBook; TS/JS, Python, Go, Java). Each folder is scanned as the CLI does (scanWorkspaceFlags), and
// every call site found, and every key reference left unresolved, must be exactly the reviewed table below
// (docs/compatibility.md has the summary). The copies carry no history, so the age test rebuilds one: each file is
// committed on its own day with GIT_AUTHOR_DATE / GIT_COMMITTER_DATE, and every key must be dated by the first of
// those commits that holds one of its reviewed call sites.
import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkspaceFlags, clearFlagAgeCache, listFlagSourceFiles, scanWorkspaceFlags } from '../../../src/node/flags';
import { TestRepo, useIsolatedGit } from './gitFixture';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'real-world', 'flags');

interface Reviewed {
  /** Files with a call site, an unresolved reference or a definition. */
  readonly files: number;
  /** `file:line key` of every call site found → why it is right (or why it is a false positive: 'wrong: …'). */
  readonly found: Record<string, string>;
  /**
   * `file:line reference` of every call whose key the scanner leaves unresolved → 'pass-through: …' (the key is a
   * parameter: not a flag use), 'run-time key: …' (not guessed, by design), or 'MISSED: …' (a call site with a
   * static key the scanner does not report: counted against recall).
   */
  readonly unresolved: Record<string, string>;
}

const REVIEWED: Record<string, Reviewed> = {
  'PostHog__posthog-js': {
    files: 4,
    found: {
      'examples/example-next-app-router/app/client-hooks/ClientHooksContent.tsx:7 example-flag': 'right: @posthog/next useFeatureFlag(…) with a literal key (not in the table before issue #14)',
      'examples/example-node/example.ts:155 beta-feature': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:158 beta-feature': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:161 beta-feature-groups': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:167 test-flag': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:172 test-flag': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:202 beta-feature': 'right: posthog.getFeatureFlagPayload(…) with a literal key',
      'examples/example-node/example.ts:271 test-flag-dependency': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:284 beta-feature': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:288 beta-feature': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:300 test-flag-dependency': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:304 test-flag-dependency': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:311 multivariate-root-flag': 'right: posthog.getFeatureFlag(…) with a literal key',
      'examples/example-node/example.ts:323 multivariate-root-flag': 'right: posthog.getFeatureFlag(…) with a literal key',
      'examples/example-node/example.ts:397 beta-feature': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:399 test-flag': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:407 beta-feature': 'right: posthog.getFeatureFlagPayload(…) with a literal key',
      'examples/example-node/example.ts:415 test-flag-dependency': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-node/example.ts:419 test-flag-dependency': 'right: posthog.isFeatureEnabled(…) with a literal key',
      'examples/example-openfeature-node/index.ts:24 my-boolean-flag': 'right: client.getBooleanValue(…) with a literal key',
      'examples/example-openfeature-node/index.ts:25 my-multivariate-flag': 'right: client.getStringValue(…) with a literal key',
      'examples/example-openfeature-node/index.ts:26 my-payload-flag': 'right: client.getObjectValue(…) with a literal key',
      'examples/example-openfeature-web/src/main.ts:22 my-boolean-flag': 'right: client.getBooleanValue(…) with a literal key',
      'examples/example-openfeature-web/src/main.ts:23 my-multivariate-flag': 'right: client.getStringValue(…) with a literal key',
      'examples/example-openfeature-web/src/main.ts:24 my-payload-flag': 'right: client.getObjectValue(…) with a literal key',
    },
    unresolved: {},
  },
  'PostHog__posthog-python': {
    files: 1,
    found: {
      'example.py:151 beta-feature': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:154 beta-feature': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:157 beta-feature-groups': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:163 test-flag': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:167 test-flag': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:188 beta-feature': 'right: posthog.get_feature_flag_payload(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:199 beta-feature': 'right: posthog.get_feature_flag_result(…) with a literal key',
      'example.py:237 test-flag-dependency': 'right: posthog.feature_enabled(…) with a literal key',
      'example.py:246 test-flag-dependency': 'right: posthog.feature_enabled(…) with a literal key',
      'example.py:255 beta-feature': 'right: posthog.feature_enabled(…) with a literal key',
      'example.py:261 beta-feature': 'right: posthog.feature_enabled(…) with a literal key',
      'example.py:303 multivariate-root-flag': 'right: posthog.get_feature_flag(…) with a literal key',
      'example.py:317 multivariate-root-flag': 'right: posthog.get_feature_flag(…) with a literal key',
      'example.py:336 multivariate-leaf-flag': 'right: posthog.get_feature_flag(…) with a literal key',
      'example.py:342 multivariate-intermediate-flag': 'right: posthog.get_feature_flag(…) with a literal key',
      'example.py:348 multivariate-root-flag': 'right: posthog.get_feature_flag(…) with a literal key',
      'example.py:454 beta-feature': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:456 test-flag': 'right: posthog.feature_enabled(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:462 beta-feature': 'right: posthog.get_feature_flag_payload(…) with a literal key inside an f-string field (missed before the fix of issue #14)',
      'example.py:469 test-flag-dependency': 'right: posthog.feature_enabled(…) with a literal key',
      'example.py:475 test-flag-dependency': 'right: posthog.feature_enabled(…) with a literal key',
    },
    unresolved: {},
  },
  'Unleash__unleash-client-go': {
    files: 6,
    found: {
      'example_bootstrap_from_file_test.go:51 DateExample': 'right: unleash.IsEnabled(…) with a literal key',
      'example_custom_strategy_test.go:62 unleash.me': 'right: unleash.IsEnabled(…) with a literal key',
      'example_fallback_func_test.go:28 does_not_exist': 'right: unleash.IsEnabled(…) with the constant MissingFeature',
      'example_simple_usage_test.go:23 eid.enabled': 'right: unleash.IsEnabled(…) with the constant PropertyName',
      'example_with_instance_test.go:28 eid.enabled': 'right: client.IsEnabled(…) with a literal key',
    },
    unresolved: {
      'unleash.go:47 feature': 'pass-through: the package-level IsEnabled(feature, …) forwards its parameter to the default client; its callers are the call sites',
      'unleash.go:60 feature': 'pass-through: the package-level GetVariant(feature, …) forwards its parameter',
    },
  },
  'Unleash__unleash-client-java': {
    files: 2,
    found: {
      'examples/cli-example/src/main/java/io/getunleash/example/AdvancedConstraints.java:30 advanced.constraints': 'right: unleash.isEnabled(…) with a literal key',
      'examples/cli-example/src/main/java/io/getunleash/example/AdvancedConstraints.java:31 advanced.constraints': 'right: unleash.isEnabled(…) with a literal key',
      'examples/okhttp-example/src/main/java/io/getunleash/example/UnleashOkHttp.java:44 my.feature': 'right: unleash.isEnabled(…) with a literal key',
      'examples/okhttp-example/src/main/java/io/getunleash/example/UnleashOkHttp.java:46 my.feature': 'right: unleash.getVariant(…) with a literal key',
    },
    unresolved: {},
  },
  'growthbook__growthbook': {
    files: 7,
    found: {
      'packages/front-end/components/Layout/sidebarNav.ts:69 contextual-bandits': 'right: gb.isOn(…) with a literal key (an optional call gb?.isOn: missed before the fix of issue #14)',
      'packages/front-end/components/Layout/sidebarNav.ts:129 session-replays': 'right: gb.isOn(…) with a literal key (an optional call gb?.isOn: missed before the fix of issue #14)',
      'packages/front-end/components/Marketing/MarketingBanner.tsx:146 home-marketing-banner': 'right: useFeatureValue<MarketingBannerConfig | null>(…) with a literal key on the next line (type arguments: missed before the fix of issue #14)',
      'packages/front-end/components/NPSSurvey/NPSSurvey.tsx:128 nps-survey': 'right: useFeatureValue(…) with a literal key',
      'packages/front-end/components/ProtectedPage.tsx:85 pro-signup-flow': 'right: useFeatureIsOn(…) with a literal key',
      'packages/front-end/services/dataRegions.ts:15 eu-data-region': 'right: useFeatureIsOn(…) with a literal key',
    },
    unresolved: {
      'packages/front-end/hooks/useFeatureDisabledRedirect.ts:23 featureKey': 'pass-through: a redirect hook that takes the key as a parameter',
      'packages/front-end/hooks/useOrgLimits.ts:16 PRICING_PHASE_1_FLAG_KEY': 'MISSED: the constant is defined in packages/shared/src/enterprise (GrowthBook Enterprise License, not copied); in the whole repository the workspace resolve finds it',
    },
  },
  'launchdarkly__hello-go': {
    files: 1,
    found: {
      'main.go:56 sample-feature': 'right: ldClient.BoolVariation(…) with the constant featureFlagKey, whose initial value is the key (an environment variable may replace it at run time)',
    },
    unresolved: {},
  },
  'launchdarkly__hello-java': {
    files: 1,
    found: {
      'src/main/java/Hello.java:66 sample-feature': 'right: client.boolVariation(…) with the constant FEATURE_FLAG_KEY, whose initial value is the key (an environment variable may replace it at run time)',
    },
    unresolved: {},
  },
  'launchdarkly__hello-python': {
    files: 1,
    found: {
    },
    unresolved: {
      'main.py:68 feature_flag_key': "run-time key: os.getenv('LAUNCHDARKLY_FLAG_KEY', 'sample-feature'), not guessed",
    },
  },
  'launchdarkly__js-core': {
    files: 9,
    found: {
      'packages/sdk/browser/example/src/app.ts:29 LD_FLAG_KEY': 'right: the key is the placeholder `const flagKey = "LD_FLAG_KEY"` the example asks to replace, and it is what this code evaluates',
      'packages/sdk/cloudflare/example/src/index.ts:28 sample-feature': 'right: client.boolVariation(…) with the constant flagKey',
      'packages/sdk/react/examples/testing/src/Banner.tsx:13 show-banner': 'right: useBoolVariation(…) with a literal key',
      'packages/sdk/react/examples/testing/src/Banner.tsx:14 greeting': 'right: useStringVariation(…) with a literal key',
      'packages/sdk/vercel/examples/complete/middleware.ts:43 enable-hot-dog-favicon': 'right: client.variation(…) with a literal key',
      'packages/sdk/vercel/examples/complete/middleware.ts:53 store-closed': 'right: client.variation(…) with a literal key',
    },
    unresolved: {
      'packages/sdk/node-client/examples/hello-node-client/src/index.ts:66 flagKey': "run-time key: process.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/node-client/examples/hello-node-client/src/index.ts:70 flagKey': "run-time key: process.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/openfeature-node-server/examples/getting-started/src/index.ts:71 flagKey': "run-time key: process.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/openfeature-node-server/examples/getting-started/src/index.ts:78 flagKey': "run-time key: process.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/react/examples/features/bootstrap/src/App.tsx:10 FLAG_KEY': "run-time key: import.meta.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/react/examples/hello-react/src/App.tsx:10 FLAG_KEY': "run-time key: import.meta.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
      'packages/sdk/react/examples/react-server-example/app/App.tsx:21 flagKey': "run-time key: process.env.LAUNCHDARKLY_FLAG_KEY ?? 'sample-feature', not guessed",
    },
  },
  'open-feature__playground': {
    files: 6,
    found: {
      'packages/app/src/app/fibonacci/fibonacci.service.ts:15 use-remote-fib-service': 'right: client.getBooleanValue(…) with a literal key',
      'packages/fibonacci/src/lib/fibonacci.ts:6 fib-algo': 'right: oFeatClient.getStringValue(…) with a literal key',
      'packages/ui/src/app/demos/fib3r/fib3r-demo.tsx:157 new-welcome-message': 'right: client.getBooleanValue(…) with a literal key',
      'packages/ui/src/app/demos/fib3r/fib3r-demo.tsx:160 hex-color': 'right: client.getStringValue(…) with a literal key',
    },
    unresolved: {
      'packages/js-flagsmith-provider/src/lib/flagsmith.ts:126 flagKey': 'pass-through: an OpenFeature provider resolves whatever key it is asked for',
      'packages/js-flagsmith-provider/src/lib/flagsmith.ts:130 flagKey': 'pass-through: an OpenFeature provider resolves whatever key it is asked for',
      'packages/js-launchdarkly-provider/src/lib/js-launchdarkly-provider.ts:116 flagKey': 'pass-through: an OpenFeature provider resolves whatever key it is asked for',
      'packages/web-launchdarkly-provider/src/lib/web-launchdarkly-provider.ts:135 flagKey': 'pass-through: an OpenFeature provider resolves whatever key it is asked for',
    },
  },
  'open-feature__toggle-shop': {
    files: 2,
    found: {
      'src/generated/nodejs/openfeature.ts:165 offer-free-shipping': 'right: client.getBooleanValue(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:169 offer-free-shipping': 'right: client.getBooleanDetails(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:173 sticky-header': 'right: client.getBooleanValue(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:177 sticky-header': 'right: client.getBooleanDetails(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:181 use-distributed-db': 'right: client.getBooleanValue(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:185 use-distributed-db': 'right: client.getBooleanDetails(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:189 use-secure-protocol': 'right: client.getBooleanValue(…) with a literal key',
      'src/generated/nodejs/openfeature.ts:193 use-secure-protocol': 'right: client.getBooleanDetails(…) with a literal key',
      'src/generated/react/openfeature.ts:19 offer-free-shipping': 'right call site and key; the provider reads unleash but this is the useFlag of OpenFeature React (both SDKs have a hook of that name)',
      'src/generated/react/openfeature.ts:34 offer-free-shipping': 'right: useSuspenseFlag(…) with a literal key',
      'src/generated/react/openfeature.ts:46 sticky-header': 'right call site and key; the provider reads unleash but this is the useFlag of OpenFeature React (both SDKs have a hook of that name)',
      'src/generated/react/openfeature.ts:61 sticky-header': 'right: useSuspenseFlag(…) with a literal key',
      'src/generated/react/openfeature.ts:73 use-distributed-db': 'right call site and key; the provider reads unleash but this is the useFlag of OpenFeature React (both SDKs have a hook of that name)',
      'src/generated/react/openfeature.ts:88 use-distributed-db': 'right: useSuspenseFlag(…) with a literal key',
      'src/generated/react/openfeature.ts:100 use-secure-protocol': 'right call site and key; the provider reads unleash but this is the useFlag of OpenFeature React (both SDKs have a hook of that name)',
      'src/generated/react/openfeature.ts:115 use-secure-protocol': 'right: useSuspenseFlag(…) with a literal key',
    },
    unresolved: {},
  },
};

/** The numbers docs/compatibility.md reports. */
const SUMMARY = { repositories: 11, truePositives: 89, falsePositives: 0, missed: 1, passThrough: 7, runTime: 8 };

describe('flags: the real-world corpus, scanned as the CLI does', function () {
  this.timeout(60_000);
  useIsolatedGit();

  const repositories = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it('every folder of the corpus has a reviewed entry, and every entry a folder', () => {
    assert.deepEqual(repositories, Object.keys(REVIEWED).sort());
  });

  for (const repo of Object.keys(REVIEWED)) {
    it(`${repo}: the call sites and the unresolved references are the reviewed ones`, async () => {
      const scan = await scanWorkspaceFlags(join(CORPUS, repo));
      const files = Object.entries(scan.files).sort(([a], [b]) => a.localeCompare(b));
      const found = files.flatMap(([file, f]) => f.callSites.map((s) => `${file}:${s.line} ${s.key}`));
      const unresolved = files.flatMap(([file, f]) => f.unresolved.map((s) => `${file}:${s.line} ${s.keyReference}`));
      assert.deepEqual(found.sort(), Object.keys(REVIEWED[repo]!.found).sort());
      assert.deepEqual(unresolved.sort(), Object.keys(REVIEWED[repo]!.unresolved).sort());
      assert.equal(files.length, REVIEWED[repo]!.files);
      assert.deepEqual(scan.skipped ?? [], []);
    });
  }

  it('the summary: precision and recall as docs/compatibility.md reports them', () => {
    const verdicts = Object.values(REVIEWED).flatMap((r) => Object.values(r.found));
    const references = Object.values(REVIEWED).flatMap((r) => Object.values(r.unresolved));
    const counts = {
      repositories: repositories.length,
      truePositives: verdicts.filter((v) => v.startsWith('right')).length,
      falsePositives: verdicts.filter((v) => v.startsWith('wrong')).length,
      missed: references.filter((v) => v.startsWith('MISSED')).length,
      passThrough: references.filter((v) => v.startsWith('pass-through')).length,
      runTime: references.filter((v) => v.startsWith('run-time key')).length,
    };
    assert.deepEqual(counts, SUMMARY);
    assert.equal(counts.truePositives + counts.falsePositives, verdicts.length, 'every verdict is right or wrong');
    assert.equal(counts.missed + counts.passThrough + counts.runTime, references.length, 'every reference is classified');
  });

  it('ages over a rebuilt history: each key is dated by the first commit that holds one of its call sites', async () => {
    clearFlagAgeCache();
    for (const repo of Object.keys(REVIEWED)) {
      const git = TestRepo.init();
      const sources = (await listFlagSourceFiles(join(CORPUS, repo))).sort();
      const expected = new Map<string, string>();
      for (const [day, file] of sources.entries()) {
        cpSync(join(CORPUS, repo, file), join(git.root, file), { recursive: true });
        const date = new Date(Date.UTC(2026, 0, 1 + day, 10)).toISOString().replace('.000Z', 'Z');
        git.commitAllAt(`feat: add ${file}`, date, 'Corpus');
        for (const site of Object.keys(REVIEWED[repo]!.found)) {
          const key = site.slice(site.indexOf(' ') + 1);
          if (site.startsWith(`${file}:`) && !expected.has(key)) expected.set(key, date);
        }
      }
      const result = await analyzeWorkspaceFlags(git.root, { now: '2026-06-01T12:00:00Z' });
      assert.ok(result.ok, repo);
      const dated = Object.fromEntries(result.value.flags.map((f) => [f.key, f.introducedAt === null ? null : new Date(f.introducedAt).toISOString().replace('.000Z', 'Z')]));
      assert.deepEqual(dated, Object.fromEntries(expected), repo);
    }
  });
});
