// `node --require bench/vscodeStandIn.cjs`: answers require('vscode') outside VS Code with a stand-in, so that the
// top level of dist/extension.js can run in plain Node (bench/extensionBundles.mjs, test/unit/vscode/
// extensionBundles.test.ts). Only the top level: activate() would need a real extension host.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The names `vscode` exports (its classes, enums and namespaces): esbuild's interop copies a module's own keys.
const names = [
  ...new Set(
    [...readFileSync(join(__dirname, '..', 'node_modules/@types/vscode/index.d.ts'), 'utf8').matchAll(/^\s*export (?:declare )?(?:class|enum|namespace|const|function|let|var) (\w+)/gm)].map((match) => match[1]),
  ),
];
// Whatever is read from it is callable, constructible and has every property.
const anything = new Proxy(function () {}, {
  get: (target, key) => (key === 'prototype' ? target.prototype : key === Symbol.toPrimitive ? () => 0 : anything),
  apply: () => anything,
  construct: () => anything,
});
const vscode = new Proxy(
  {},
  {
    get: (target, key) => (names.includes(key) ? anything : undefined),
    ownKeys: () => names,
    getOwnPropertyDescriptor: (target, key) => (names.includes(key) ? { value: anything, enumerable: true, configurable: true, writable: false } : undefined),
  },
);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
