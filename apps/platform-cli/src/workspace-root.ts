import { basename, dirname, resolve } from 'node:path';

const CLI_SOURCE_ROOT = resolve(__dirname, '../../..');

/**
 * The checkout the CLI runs from, found from this file's place in it: apps/platform-cli/src from
 * the sources (`npm run platform`), dist/apps/platform-cli/src once compiled (`npm start`).
 */
export const WORKSPACE_ROOT = basename(CLI_SOURCE_ROOT) === 'dist' ? dirname(CLI_SOURCE_ROOT) : CLI_SOURCE_ROOT;
