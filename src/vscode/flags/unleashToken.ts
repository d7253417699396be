import * as vscode from 'vscode';

export const SET_UNLEASH_TOKEN_COMMAND = 'releaseHygiene.setUnleashToken';

/**
 * The secret's name for one Unleash server: the token is stored per origin, so a workspace that points
 * `releaseHygiene.flags.unleash.url` at another server never receives a token entered for the real one.
 */
export function tokenSecretName(url: string): string | undefined {
  try {
    return `releaseHygiene.flags.unleash.token:${new URL(url).origin}`;
  } catch {
    return undefined;
  }
}

/** The stored Admin API token for `url`'s server, or undefined. Never logged. */
export async function unleashToken(secrets: vscode.SecretStorage, url: string): Promise<string | undefined> {
  const name = tokenSecretName(url);
  if (!name) return undefined;
  try {
    return (await secrets.get(name)) || undefined;
  } catch {
    return undefined;
  }
}

/** "Set Unleash Admin API Token": asks for the token (hidden input) and stores it in SecretStorage; empty deletes it. */
export async function setUnleashToken(secrets: vscode.SecretStorage, url: string): Promise<boolean> {
  const name = tokenSecretName(url);
  if (!url || !name) {
    const open = 'Open Settings';
    const choice = await vscode.window.showWarningMessage('Set `releaseHygiene.flags.unleash.url` to your Unleash server first.', open);
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'releaseHygiene.flags.unleash.url');
    return false;
  }
  const token = await vscode.window.showInputBox({
    title: `Unleash Admin API token for ${new URL(url).origin}`,
    prompt: 'Stored in VS Code\'s SecretStorage, sent only to this server. Leave empty to remove the stored token.',
    password: true,
    ignoreFocusOut: true,
  });
  if (token === undefined) return false;
  if (token.trim() === '') await secrets.delete(name);
  else await secrets.store(name, token.trim());
  return true;
}
