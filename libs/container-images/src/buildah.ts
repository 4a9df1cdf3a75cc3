import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCommand, toolCacheRoot } from '@storefront/dev-services';

/**
 * buildah with its image store under the project's tool cache (`$STOREFRONT_CACHE_HOME`), so a
 * cold cache home rebuilds every image and layer, and builds never touch the machine's own store.
 * Always chroot isolation: no container runtime or user namespaces are needed.
 */
export class Buildah {
  readonly root: string;
  readonly runRoot: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.root = join(toolCacheRoot(env), 'container-images', 'storage');
    this.runRoot = join(toolCacheRoot(env), 'container-images', 'run');
  }

  /** The flags that select this store, for a person running buildah by hand (push, inspect). */
  get storageFlags(): string[] {
    return ['--root', this.root, '--runroot', this.runRoot, '--storage-driver', 'overlay'];
  }

  async run(args: readonly string[], timeoutMs = 120_000): Promise<string> {
    return (await runCommand('buildah', [...this.storageFlags, ...args], { timeoutMs })).stdout.trim();
  }

  /** A long command whose output goes to `log` line by line (image builds, npm install). */
  stream(args: readonly string[], log: (line: string) => void, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('buildah', [...this.storageFlags, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const tail: string[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const onData = (chunk: Buffer): void => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          log(line);
          tail.push(line);
          if (tail.length > 30) tail.shift();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`buildah ${args.join(' ')} failed (${signal ?? code}):\n${tail.join('\n')}`));
      });
    });
  }

  async imageExists(reference: string): Promise<boolean> {
    return this.run(['inspect', '--type', 'image', '--format', '{{.FromImageID}}', reference]).then(
      () => true,
      () => false,
    );
  }

  /** Uncompressed size as `buildah images` shows it, e.g. "192 MB". */
  async imageSize(reference: string): Promise<string> {
    const [image] = JSON.parse(await this.run(['images', '--json', reference])) as { size: string }[];
    if (!image) throw new Error(`no image ${reference}`);
    return image.size;
  }
}
