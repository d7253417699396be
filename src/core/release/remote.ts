// Hosted remotes the changelog links to: GitHub, GitLab and Bitbucket, in https, ssh and scp-like forms.
import type { RepositoryHost } from './types';

/** Host name → kind: the public hosts, and self-hosted names that start with the product (gitlab.example.com). */
function kindOf(host: string): RepositoryHost['kind'] | null {
  const name = host.toLowerCase();
  if (name === 'github.com' || name.startsWith('github.') || name.endsWith('.github.com')) return 'github';
  if (name === 'gitlab.com' || name.startsWith('gitlab.')) return 'gitlab';
  if (name === 'bitbucket.org' || name.startsWith('bitbucket.')) return 'bitbucket';
  return null;
}

const SAFE_PATH = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)+$/;
const SAFE_HOST = /^[A-Za-z0-9.-]+$/;

/**
 * The web URL of a remote, or null when it is not a recognised host (or looks odd: the result goes into links).
 * Accepts `https://[user@]host[:port]/owner/repo[.git]`, `ssh://git@host[:port]/owner/repo.git`,
 * `git+ssh://…`, `git://…` and scp-like `git@host:owner/repo.git`. GitLab subgroups are kept.
 */
export function parseRemoteUrl(remote: string): RepositoryHost | null {
  const text = remote.trim();
  let host: string;
  let path: string;
  const scheme = /^(?:https?|ssh|git\+ssh|ssh\+git|git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?\/(.+)$/i.exec(text);
  if (scheme) {
    host = scheme[1] as string;
    path = scheme[2] as string;
  } else {
    const scp = /^(?:[^@/:\s]+@)?([^/:\s]+):(?!\/)(.+)$/.exec(text);
    if (!scp) return null;
    host = scp[1] as string;
    path = scp[2] as string;
  }
  path = path.replace(/\/+$/, '').replace(/\.git$/i, '');
  if (!SAFE_HOST.test(host) || !SAFE_PATH.test(path)) return null;
  const kind = kindOf(host);
  if (kind === null) return null;
  return { kind, url: `https://${host.toLowerCase()}/${path}` };
}

export function commitUrl(host: RepositoryHost, hash: string): string {
  return host.kind === 'gitlab' ? `${host.url}/-/commit/${hash}` : host.kind === 'bitbucket' ? `${host.url}/commits/${hash}` : `${host.url}/commit/${hash}`;
}

export function issueUrl(host: RepositoryHost, issue: string): string {
  return host.kind === 'gitlab' ? `${host.url}/-/issues/${issue}` : `${host.url}/issues/${issue}`;
}

/** Compare view between two refs (tags are URL-encoded, as conventional-changelog does). */
export function compareUrl(host: RepositoryHost, from: string, to: string): string {
  const a = encodeURIComponent(from);
  const b = encodeURIComponent(to);
  if (host.kind === 'gitlab') return `${host.url}/-/compare/${a}...${b}`;
  if (host.kind === 'bitbucket') return `${host.url}/branches/compare/${b}%0D${a}`;
  return `${host.url}/compare/${a}...${b}`;
}
