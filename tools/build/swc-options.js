/**
 * The one SWC configuration of the workspace's TypeScript: `npm run build` (dist/) and Jest
 * compile with it, so tests and the compiled services see the same JavaScript. It follows
 * tsconfig.base.json, as `@swc-node/register` does for `npm run platform` and the benchmarks.
 */
const { join } = require('node:path');

const WORKSPACE_ROOT = join(__dirname, '../..');
const { compilerOptions } = require('../../tsconfig.base.json');

/**
 * @param {{ sourceMaps: boolean | 'inline' }} options
 * @returns {import('@swc/core').Options}
 */
function swcOptions({ sourceMaps }) {
  return {
    swcrc: false,
    configFile: false,
    jsc: {
      target: compilerOptions.target.toLowerCase(),
      // The `@storefront/*` aliases become relative requires at compile time, so plain `node`
      // (and Jest's global setup, which runs outside its module mapper) resolve them.
      baseUrl: WORKSPACE_ROOT,
      paths: compilerOptions.paths,
      parser: { syntax: 'typescript', decorators: compilerOptions.experimentalDecorators },
      // NestJS injects constructor parameters by the types emitDecoratorMetadata records.
      transform: {
        legacyDecorator: compilerOptions.experimentalDecorators,
        decoratorMetadata: compilerOptions.emitDecoratorMetadata,
        useDefineForClassFields: compilerOptions.useDefineForClassFields,
      },
      keepClassNames: true,
    },
    module: { type: 'commonjs', noInterop: !compilerOptions.esModuleInterop },
    sourceMaps,
    // A map file beside the output points at the sources instead of carrying them.
    inlineSourcesContent: sourceMaps === 'inline',
  };
}

module.exports = { swcOptions, WORKSPACE_ROOT };
