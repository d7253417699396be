// Stable fingerprints: a hash of what a finding is about (never its line), plus an occurrence number when the
// same thing is reported twice. Pure (no node:crypto): FNV-1a, 64 bits, twice with different offsets → 128 bits.
import type { ReportFinding } from './types';

const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(text: string, basis: bigint): string {
  let hash = basis;
  // Over UTF-16 code units, low byte then high byte (no TextEncoder in the pure core).
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const byte of [unit & 0xff, unit >> 8]) {
      hash ^= BigInt(byte);
      hash = (hash * PRIME) & MASK;
    }
  }
  return hash.toString(16).padStart(16, '0');
}

function hash128(text: string): string {
  return fnv1a64(text, 0xcbf29ce484222325n) + fnv1a64(text, 0x84222325cbf29ce4n);
}

/** One fingerprint per finding, in order; equal identities get `#2`, `#3`, … mixed in. */
export function fingerprints(findings: readonly ReportFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const identity = [finding.capability, finding.ruleId, finding.file ?? '', finding.subject].join('\u0000');
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return hash128(occurrence === 1 ? identity : `${identity}\u0000#${occurrence}`);
  });
}
