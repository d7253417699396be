import type { EvidenceSource } from './workspaceEvidence';

/**
 * The git and file facts of the workspace evidence, from src/node/migrations (code references by git grep, the
 * release of each migration from its tags). Until that lands: none, and the evidence says "not searched".
 */
export const nodeEvidenceSource: EvidenceSource = {
  references: async () => undefined,
  releases: async () => undefined,
  orderKeyOf: (path) => path,
};
