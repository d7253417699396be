// import() of a module no bundle may inline (a JavaScript/TypeScript commitlint config), in a module of its own:
// the CLI's bundles are compiled through vm.Script for their code cache (src/cli/codeCache.ts), which has no
// import() in Node 20, so esbuild.mjs swaps this module there for one that asks the loader to import.
// Kept out of esbuild's sight (a computed specifier) so the bundles keep a real dynamic import.
export const dynamicImport = (specifier: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ specifier);
