// Built-in call shapes of the flag SDKs (anchors §3.6). The key is argument 0 unless `keyArgument` says otherwise;
// `fallbackArgument` is the argument count a call needs to carry a default value.
import type { FlagCallPattern, FlagLanguage, FlagProvider } from './types';

const JS: readonly FlagLanguage[] = ['js'];
const PY: readonly FlagLanguage[] = ['python'];
const GO: readonly FlagLanguage[] = ['go'];
const JAVA: readonly FlagLanguage[] = ['java'];
const JS_JAVA: readonly FlagLanguage[] = ['js', 'java'];

function p(
  provider: FlagProvider,
  languages: readonly FlagLanguage[],
  names: readonly string[],
  extra: Partial<FlagCallPattern> = {},
): FlagCallPattern[] {
  return names.map((name) => ({ name, provider, languages, ...extra }));
}

const ldTypes = ['bool', 'string', 'number', 'json'];
const ldJava = ['boolVariation', 'stringVariation', 'intVariation', 'doubleVariation', 'jsonValueVariation'];
const ldGo = ['BoolVariation', 'StringVariation', 'IntVariation', 'Float64Variation', 'JSONVariation'];
const ofJs = ['getBooleanValue', 'getStringValue', 'getNumberValue', 'getObjectValue'];
const ofJava = ['getBooleanValue', 'getStringValue', 'getIntegerValue', 'getDoubleValue', 'getObjectValue'];
const ofPy = ['get_boolean_value', 'get_string_value', 'get_integer_value', 'get_float_value', 'get_object_value'];
const ofGo = ['BooleanValue', 'StringValue', 'IntValue', 'FloatValue', 'ObjectValue'];
const details = (names: readonly string[], suffix: string): string[] =>
  names.flatMap((name) => [name, name.replace(/Value$|_value$/, (m) => m + suffix)]);

/**
 * Receivers select a provider for names several SDKs share (`getFeatureValue`: GrowthBook's `gb.` vs Flagsmith's
 * `flags.`); a pattern with `receivers` only matches a method call on a receiver whose name contains one of them.
 */
export type BuiltinPattern = FlagCallPattern;

export const BUILTIN_FLAG_PATTERNS: readonly BuiltinPattern[] = [
  // PostHog and GrowthBook first: they share names with Flagsmith and are told apart by receiver.
  ...p('posthog', JS, ['isFeatureEnabled', 'getFeatureFlag', 'getFeatureFlagPayload', 'getFeatureFlagResult'], { methodOnly: true, receivers: ['posthog'] }),
  // `useFeatureFlag` is @posthog/next's hook.
  ...p('posthog', JS, ['useFeatureFlagEnabled', 'useFeatureFlagVariantKey', 'useFeatureFlagPayload', 'useFeatureFlag']),
  ...p('posthog', PY, ['feature_enabled', 'get_feature_flag', 'get_feature_flag_payload', 'get_feature_flag_result'], { methodOnly: true, receivers: ['posthog'] }),
  ...p('growthbook', JS, ['getFeatureValue'], { methodOnly: true, receivers: ['gb', 'growthbook'], fallbackArgument: 2 }),
  ...p('growthbook', JS, ['isOn', 'isOff', 'evalFeature', 'feature'], { methodOnly: true, receivers: ['gb', 'growthbook'] }),
  ...p('growthbook', JS, ['useFeatureIsOn', 'useFeature']),
  ...p('growthbook', JS, ['useFeatureValue'], { fallbackArgument: 2 }),
  ...p('growthbook', PY, ['is_on', 'is_off', 'eval_feature'], { methodOnly: true }),
  ...p('growthbook', PY, ['get_feature_value'], { methodOnly: true, receivers: ['gb', 'growthbook'], fallbackArgument: 2 }),
  ...p('growthbook', JAVA, ['isOn', 'isOff'], { methodOnly: true }),
  // Unleash.
  ...p('unleash', JS_JAVA, ['isEnabled', 'getVariant']),
  ...p('unleash', JS, ['useFlag', 'useVariant']),
  ...p('unleash', PY, ['is_enabled', 'get_variant'], { methodOnly: true }),
  ...p('unleash', GO, ['IsEnabled', 'GetVariant']),
  // LaunchDarkly: server SDKs take (key, context, default); the browser SDK (key, default).
  ...p('launchdarkly', JS, ['variation', 'variationDetail'], { methodOnly: true, fallbackArgument: 2 }),
  ...p('launchdarkly', JS, ldTypes.flatMap((t) => [`${t}Variation`, `${t}VariationDetail`]), { methodOnly: true, fallbackArgument: 3 }),
  ...p('launchdarkly', JS, ldTypes.flatMap((t) => [`use${t[0]!.toUpperCase()}${t.slice(1)}Variation`, `use${t[0]!.toUpperCase()}${t.slice(1)}VariationDetail`]), { fallbackArgument: 2 }),
  ...p('launchdarkly', PY, ['variation', 'variation_detail'], { methodOnly: true, fallbackArgument: 3 }),
  ...p('launchdarkly', JAVA, ldJava.flatMap((n) => [n, `${n}Detail`]), { methodOnly: true, fallbackArgument: 3 }),
  ...p('launchdarkly', GO, ldGo.flatMap((n) => [n, `${n}Detail`]), { methodOnly: true, fallbackArgument: 3 }),
  // OpenFeature.
  ...p('openfeature', JS, details(ofJs, 'Details').concat(ofJs.map((n) => n.replace('Value', 'Details'))), { methodOnly: true, fallbackArgument: 2 }),
  ...p('openfeature', JAVA, ofJava.concat(ofJava.map((n) => n.replace('Value', 'Details'))), { methodOnly: true, fallbackArgument: 2 }),
  ...p('openfeature', PY, ofPy.concat(ofPy.map((n) => n.replace('_value', '_details'))), { methodOnly: true, fallbackArgument: 2 }),
  ...p('openfeature', GO, ofGo.concat(ofGo.map((n) => n + 'Details')), { methodOnly: true, keyArgument: 1, fallbackArgument: 3 }),
  ...p('openfeature', JS, ['useBooleanFlagValue', 'useStringFlagValue', 'useNumberFlagValue', 'useObjectFlagValue', 'useBooleanFlagDetails', 'useStringFlagDetails', 'useNumberFlagDetails', 'useObjectFlagDetails', 'useSuspenseFlag'], { fallbackArgument: 2 }),
  // Flagsmith.
  ...p('flagsmith', JS, ['hasFeature'], { methodOnly: true }),
  ...p('flagsmith', JS, ['getValue'], { methodOnly: true, receivers: ['flagsmith'] }),
  ...p('flagsmith', JS_JAVA, ['isFeatureEnabled', 'getFeatureValue'], { methodOnly: true }),
  ...p('flagsmith', JS, ['getFlag'], { methodOnly: true, receivers: ['flags', 'flagsmith'] }),
  ...p('flagsmith', PY, ['is_feature_enabled', 'get_feature_value'], { methodOnly: true }),
  ...p('flagsmith', GO, ['IsFeatureEnabled', 'GetFeatureValue'], { methodOnly: true }),
  // ConfigCat, Statsig, Split.
  ...p('configcat', JS, ['getValueAsync'], { methodOnly: true, fallbackArgument: 2 }),
  ...p('configcat', JS, ['getValue'], { methodOnly: true, receivers: ['configcat'], fallbackArgument: 2 }),
  ...p('configcat', PY, ['get_value'], { methodOnly: true, receivers: ['configcat'], fallbackArgument: 2 }),
  ...p('statsig', JS, ['checkGate', 'getExperiment', 'getFeatureGate'], { methodOnly: true, keyArgument: 1 }),
  ...p('statsig', JS, ['checkGate', 'getExperiment', 'getFeatureGate', 'useGate', 'useFeatureGate', 'useExperiment']),
  ...p('statsig', PY, ['check_gate', 'get_experiment'], { methodOnly: true, keyArgument: 1 }),
  ...p('split', JS_JAVA, ['getTreatment', 'getTreatmentWithConfig'], { methodOnly: true, keyArgument: 1 }),
  ...p('split', JS_JAVA, ['getTreatment', 'getTreatmentWithConfig'], { methodOnly: true }),
  ...p('split', PY, ['get_treatment'], { methodOnly: true, keyArgument: 1 }),
];

/** Every built-in call name (for prefilters and `git log -G`). */
export function callNames(patterns: readonly FlagCallPattern[] = BUILTIN_FLAG_PATTERNS): string[] {
  const names = new Set(patterns.map((pattern) => pattern.name));
  names.add('useFlags');
  return [...names].sort();
}
