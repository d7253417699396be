// src/node/flags: workspace scan, history ages, registry and the optional Unleash client. Nothing rejects.
export type * from './types';
export { listFlagSourceFiles, scanWorkspaceFlags, takeWorkTreeSnapshot, rescanFlagFile, readSourceFile, globToRegExp, makeExcluder, relativeFile } from './workspace';
export { computeFlagAges, clearFlagAgeCache } from './ages';
export { fetchUnleashFlags } from './unleash';
export { analyzeWorkspaceFlags, loadFlagRegistry, FLAG_REGISTRY_FILES } from './analyze';
