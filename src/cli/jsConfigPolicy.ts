// Whether JavaScript/TypeScript configs may run, from the environment: apart from lintSupport so that
// dist/cli.js checks it without loading the config readers.

/** Set in CI on untrusted pull requests: the same as --no-js-config on every command, without editing the job. */
export const NO_JS_CONFIG_VARIABLE = 'RELEASE_HYGIENE_NO_JS_CONFIG';

/** Whether the environment refuses executing JS/TS configs: set to anything but empty or `0`. */
export function jsConfigRefusedByEnvironment(env: NodeJS.ProcessEnv): boolean {
  const value = env[NO_JS_CONFIG_VARIABLE];
  return value !== undefined && value !== '' && value !== '0';
}
