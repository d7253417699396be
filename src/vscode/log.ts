import * as vscode from 'vscode';

/** The extension's log; errors go here instead of into the editor. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Release Hygiene', { log: true });
}
