// The machine formats every finding command shares (the builders are in src/core/report; this only writes them).
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { githubAnnotations, gitlabCodeQuality, PRODUCT_URI, sarifLog, type ReportFinding, type ToolInfo } from '../core/report';
import { write, type CliIo } from './io';

export const TOOL: ToolInfo = { name: 'release-hygiene', version, informationUri: PRODUCT_URI };

/** Formats rendered from ReportFindings alone. */
export const SHARED_FORMATS = ['github', 'sarif', 'gitlab'] as const;
export type SharedFormat = (typeof SHARED_FORMATS)[number];

export function isSharedFormat(format: string): format is SharedFormat {
  return (SHARED_FORMATS as readonly string[]).includes(format);
}

/** `root` is the repository root the findings' paths are relative to (SARIF originalUriBaseIds). */
export async function writeSharedFormat(format: SharedFormat, findings: readonly ReportFinding[], root: string, io: CliIo): Promise<void> {
  if (format === 'github') {
    await write(io.stdout, githubAnnotations(findings));
    return;
  }
  const body = format === 'sarif' ? sarifLog(findings, TOOL, rootUri(root)) : gitlabCodeQuality(findings);
  await write(io.stdout, `${JSON.stringify(body, null, 2)}\n`);
}

function rootUri(root: string): string {
  const uri = pathToFileURL(root).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

export { SHARED_FORMATS_HELP } from './commands/help';
