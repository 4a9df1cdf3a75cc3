import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployManifestFiles } from './deploy-manifests';

/** Regenerates operators/tenant-operator/deploy/*.yaml from the TypeScript definitions. */
const directory = join(__dirname, '..', '..', 'deploy');
for (const [file, content] of Object.entries(deployManifestFiles())) {
  writeFileSync(join(directory, file), content);
  process.stdout.write(`wrote ${join(directory, file)}\n`);
}
