// The VS Code extension as a user installs it: `vsce package` builds the real .vsix (production bundles through
// vscode:prepublish), with no warning, holding exactly the bundles, the WebAssembly, media, schemas and the docs
// the extension links to. test/integration/installedVsix.mjs installs the same kind of .vsix into VS Code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { removeScratch, scratchDir } from '../node/gitFixture';
import { PROJECT_ROOT } from '../cli/cliHarness';

const EXPECTED_VSIX_ENTRIES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/commitsEngine.js',
  'extension/dist/extension.js',
  'extension/dist/flagsEngine.js',
  'extension/dist/git.js',
  'extension/dist/libpg-query.wasm',
  'extension/dist/migrationsEngine.js',
  'extension/dist/migrationsWorker.js',
  'extension/dist/package.json',
  'extension/dist/pipelinesEngine.js',
  'extension/dist/releaseEngine.js',
  'extension/dist/semver.js',
  'extension/dist/yaml.js',
  'extension/docs/flags.md',
  'extension/docs/migrations.md',
  'extension/docs/pipelines.md',
  'extension/docs/rules.md',
  'extension/docs/screenshot-commit-box.png',
  'extension/docs/screenshot-flags.png',
  'extension/docs/screenshot-migrations.png',
  'extension/docs/screenshot-pipelines.png',
  'extension/docs/screenshot-release-preview.png',
  'extension/media/commitlint-config.schema.json',
  'extension/media/release-hygiene.schema.json',
  'extension/media/icon.png',
  'extension/media/release/dist/codicon.css',
  'extension/media/release/dist/codicon.ttf',
  'extension/media/release/dist/preview.js',
  'extension/media/release/preview.css',
  'extension/package.json',
  'extension/readme.md',
];

interface ZipEntry {
  readonly name: string;
  readonly read: () => Buffer;
}

/** The entries of a zip file from its central directory (a .vsix is a plain zip: stored or deflated). */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'no end of central directory: not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory record expected');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      read: () => {
        const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
        const data = zip.subarray(start, start + compressedSize);
        return method === 8 ? inflateRawSync(data) : Buffer.from(data);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly image?: string; readonly markdown?: string };
  readonly completionEvents?: readonly string[];
}

interface Manifest {
  readonly icon: string;
  readonly repository: { readonly url: string };
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly walkthroughs: readonly { readonly steps: readonly Step[] }[];
  };
}

describe('VS Code extension package (vsce package)', function () {
  // A production build of the five bundles plus zipping 1.5 MB.
  this.timeout(180_000);
  let entries: ZipEntry[];
  let output: string;

  before(() => {
    const vsix = join(scratchDir('rh-vsix-'), 'release-hygiene.vsix');
    const result = spawnSync('npx', ['--no', '--', 'vsce', 'package', '--no-dependencies', '--out', vsix], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, output);
    entries = zipEntries(readFileSync(vsix));
  });
  after(removeScratch);

  it('vsce packages without a warning', () => {
    assert.doesNotMatch(output, /WARNING|warn/i);
    assert.match(output, /DONE.*Packaged/);
  });

  it('holds the bundles, the WebAssembly, media, schemas and the docs it links to, and nothing else', () => {
    assert.deepEqual(entries.map((entry) => entry.name).sort(), [...EXPECTED_VSIX_ENTRIES].sort());
  });

  it('the packaged manifest has a 128x128 PNG icon and a real repository URL', () => {
    const manifest = JSON.parse(entries.find((entry) => entry.name === 'extension/package.json')!.read().toString('utf8')) as Manifest;
    const icon = entries.find((entry) => entry.name === `extension/${manifest.icon}`)!.read();
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
  });

  it('each walkthrough step shows packaged media and opens what it describes', () => {
    const manifest = JSON.parse(entries.find((entry) => entry.name === 'extension/package.json')!.read().toString('utf8')) as Manifest;
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.deepEqual(steps.map((step) => step.id), ['commitBox', 'releasePreview', 'flags', 'migrations', 'pipelines']);
    const ours = new Set(manifest.contributes.commands.map((command) => command.command));
    const names = new Set(entries.map((entry) => entry.name));
    for (const step of steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media !== undefined && names.has(`extension/${media}`), `${step.id}: media ${media} is in the .vsix`);
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]!);
      assert.ok(links.length > 0, `${step.id}: a command link`);
      for (const link of links) {
        if (link.startsWith('releaseHygiene.')) assert.ok(ours.has(link), `${step.id}: ${link} is a contributed command`);
        assert.ok(step.completionEvents?.includes(`onCommand:${link}`) || step.completionEvents?.some((event) => event.startsWith('onView:')), `${step.id}: clicking ${link} completes the step`);
      }
    }
  });
});
