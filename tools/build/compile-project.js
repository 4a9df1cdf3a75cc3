/**
 * `nx run <project>:build` (docs/adr/0408-compiled-services.md): compiles a project's src/ with
 * SWC into dist/<project root>/src/, the sources' own tree one folder down. The `@storefront/*`
 * aliases become relative requires, so each one lands on its library's output beside it and
 * `node dist/apps/<app>/src/main.js` runs with nothing but node_modules.
 *
 * Usage: node tools/build/compile-project.js <project root>...
 */
const { copyFile, mkdir, readdir, rm, writeFile } = require('node:fs/promises');
const { basename, dirname, join, relative } = require('node:path');
const { transformFile } = require('@swc/core');
const { swcOptions, WORKSPACE_ROOT } = require('./swc-options');

const DIST = join(WORKSPACE_ROOT, 'dist');

/** Compiles `<projectRoot>/src` afresh (a deleted source leaves no stale output); returns the files written. */
async function compileProject(projectRoot) {
  const sourceDir = join(WORKSPACE_ROOT, projectRoot, 'src');
  const outDir = join(DIST, projectRoot, 'src');
  await rm(join(DIST, projectRoot), { recursive: true, force: true });
  const entries = await readdir(sourceDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !isTestOnly(entry.name)).map((entry) => relative(sourceDir, join(entry.parentPath, entry.name)));
  const options = swcOptions({ sourceMaps: true });
  await Promise.all(
    files.map(async (file) => {
      const source = join(sourceDir, file);
      await mkdir(dirname(join(outDir, file)), { recursive: true });
      // Whatever else lives in src/ (SQL, templates, JSON read at runtime) is copied as it is.
      if (!file.endsWith('.ts')) return copyFile(source, join(outDir, file));
      const target = join(outDir, file.replace(/\.ts$/, '.js'));
      const { code, map } = await transformFile(source, { ...options, filename: source, sourceFileName: relative(dirname(target), source) });
      await writeFile(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
      await writeFile(`${target}.map`, map);
    }),
  );
  return files.length;
}

function isTestOnly(name) {
  return name.endsWith('.spec.ts') || name.endsWith('.d.ts');
}

async function main(projectRoots) {
  if (projectRoots.length === 0) throw new Error('usage: node tools/build/compile-project.js <project root>...');
  for (const projectRoot of projectRoots) {
    const started = Date.now();
    const count = await compileProject(projectRoot);
    process.stdout.write(`${projectRoot}: ${count} files -> ${relative(WORKSPACE_ROOT, join(DIST, projectRoot))} in ${Date.now() - started} ms\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

module.exports = { compileProject, DIST };
