// Shared pieces of the real-VS-Code harness: start code-server (VS Code 1.100.3's web workbench with a real
// Node extension host) on a free local port with a throwaway profile, and launch Debian's Chromium through
// playwright-core. Used by run-tests.mjs (extension-host tests) and by the Playwright UI checks.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HARNESS_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(HARNESS_DIR, 'package.json'));

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

/** True when setup.sh has installed everything the harness needs. */
export function harnessInstalled() {
  const nm = path.join(HARNESS_DIR, 'node_modules');
  try {
    const cs = JSON.parse(fs.readFileSync(path.join(nm, 'code-server/package.json'), 'utf8'));
    return cs.version === CODE_SERVER_VERSION
      && fs.existsSync(path.join(nm, 'code-server/lib/vscode/product.json'))
      && fs.existsSync(path.join(nm, 'code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg'))
      && fs.existsSync(path.join(nm, 'playwright-core/package.json'))
      && fs.existsSync(CHROME);
  } catch { return false; }
}

/** VS Code version embedded in the installed code-server. */
export function vscodeVersion() {
  return JSON.parse(fs.readFileSync(path.join(HARNESS_DIR, 'node_modules/code-server/lib/vscode/product.json'), 'utf8')).version;
}

export async function loadChromium() {
  const mod = await import(pathToFileURL(require.resolve('playwright-core')).href);
  return mod.chromium ?? mod.default.chromium;
}

/** Headless Debian Chromium. chromium.launch() makes (and deletes) its own fresh profile; it rejects --user-data-dir. */
export async function launchBrowser() {
  const chromium = await loadChromium();
  return chromium.launch({
    executablePath: CHROME,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=en-US'],
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** User settings for the throwaway profile: quiet, no network chatter, no welcome page. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
};

/**
 * Start code-server. Everything it writes (profile, extensions dir, XDG config) goes under `tmpDir`.
 * Returns helpers to build workbench URLs whose `payload` carries extensionDevelopmentPath/extensionTestsPath
 * as vscode-remote://<authority>/abs/path URIs (plain paths parse as file:// in the browser and silently hang).
 */
export async function startCodeServer({ tmpDir, settings = {}, env: extraEnv = {}, log = () => {} }) {
  const codeServer = process.env.CODE_SERVER_BIN || require.resolve('code-server/out/node/entry.js');
  const node = process.env.CODE_SERVER_NODE || process.execPath;
  const port = await freePort();
  const userData = path.join(tmpDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  const env = {
    ...process.env, ...extraEnv,
    XDG_CONFIG_HOME: path.join(tmpDir, 'config'), XDG_DATA_HOME: path.join(tmpDir, 'data'), XDG_CACHE_HOME: path.join(tmpDir, 'cache'),
  };
  // VS Code and git leave IPC sockets (vscode-git-*.sock, vscode-ipc-*.sock) in the temp dir: keep them in ours.
  env.TMPDIR = path.join(tmpDir, 'tmp');
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'ELECTRON_RUN_AS_NODE']) delete env[k];
  const args = [codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', path.join(tmpDir, 'extensions')];
  log('starting code-server on port', port);
  const logPath = path.join(tmpDir, 'code-server.log');
  const out = fs.openSync(logPath, 'a');
  // own process group, so stop() ends the server and its extension hosts together
  const server = spawn(node, args, { env, stdio: ['ignore', 'pipe', out], detached: true });
  let exited = null;
  const exitWaiters = [];
  server.on('exit', (code, signal) => { exited = { code, signal }; exitWaiters.splice(0).forEach(f => f()); });
  await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s:\n' + buf)), 60000);
    server.stdout.on('data', d => {
      fs.appendFileSync(logPath, d);
      if (buf !== null) {
        buf += d;
        if (buf.includes('HTTP server listening')) { buf = null; clearTimeout(timer); resolve(); }
      }
    });
    server.once('exit', c => { clearTimeout(timer); reject(new Error(`code-server exited (${c}) before listening:\n${buf}\n${tail(logPath)}`)); });
  });
  const base = `http://127.0.0.1:${port}/`;
  // code-server's workbench uses a fixed remote authority ("remote"); read it from the served page to be sure.
  const html = await (await fetch(base + '?ew=true')).text();
  const authority = (/remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(html) || [])[1] || 'remote';
  log('code-server listening at', base, 'remote authority', authority);

  const toRemoteUri = p => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const workbenchUrl = ({ folder, payload = [] } = {}) =>
    `${base}?${folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true'}` +
    (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');

  async function stop() {
    if (exited) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { try { server.kill('SIGTERM'); } catch { /* gone */ } }
    await new Promise(r => { const t = setTimeout(r, 5000); exitWaiters.push(() => { clearTimeout(t); r(); }); });
    if (!exited) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
  }
  return { port, base, authority, toRemoteUri, workbenchUrl, stop, logPath, process: server, get exited() { return exited; } };
}

/**
 * Installs a .vsix as a user does (`code-server --install-extension FILE`) into `<tmpDir>/extensions`, the
 * extensions folder startCodeServer gives the server, with the same profile folders. Resolves to code-server's
 * output; rejects when it exits non-zero.
 */
export function installExtension({ tmpDir, vsix }) {
  const codeServer = process.env.CODE_SERVER_BIN || require.resolve('code-server/out/node/entry.js');
  const node = process.env.CODE_SERVER_NODE || process.execPath;
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmpDir, 'config'), XDG_DATA_HOME: path.join(tmpDir, 'data'), XDG_CACHE_HOME: path.join(tmpDir, 'cache'),
    TMPDIR: path.join(tmpDir, 'tmp'),
  };
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  const args = [codeServer, '--user-data-dir', path.join(tmpDir, 'user-data'), '--extensions-dir', path.join(tmpDir, 'extensions'),
    '--install-extension', path.resolve(vsix)];
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server --install-extension exited ${code}:\n${out}`))));
  });
}

export function tail(file, bytes = 3000) {
  try { const s = fs.readFileSync(file, 'utf8'); return s.slice(-bytes); } catch { return ''; }
}

/** Known log noise on a machine without internet (open-vsx gallery lookups etc.); shown with VSCODE_TEST_VERBOSE=1. */
export const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore|Started local extension host|Extension host agent)|open-vsx\.org|ENOTFOUND|getaddrinfo|Model is disposed|marketplace|extensionsWorkbenchService|vscode-webview|webviewPreloads|\[Extension Host\] debugger (listening|attached)|GalleryService|Failed to fetch|net::ERR_/;
