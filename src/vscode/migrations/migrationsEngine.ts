import { join } from 'node:path';
import type * as EngineBundle from './engineBundle';

export type MigrationsEngine = typeof EngineBundle;

let engine: MigrationsEngine | undefined;

/** The migrations engine bundle, required on first use (it sits beside dist/extension.js). */
export function migrationsEngine(): MigrationsEngine {
  engine ??= require(join(__dirname, 'migrationsEngine.js')) as MigrationsEngine;
  return engine;
}
