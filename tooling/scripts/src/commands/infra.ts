import { findRepoRoot } from '@egov/kernel/db';
import { syncDeployment } from '../generate/deploy.ts';

/** `egov infra sync [APP ...]`: the deployment files' entries of the apps, written from their manifests. */
export async function infra(args: string[], root = findRepoRoot(import.meta.dirname)): Promise<number> {
  const [sub, ...apps] = args;
  if (sub !== 'sync') throw new Error('usage: egov infra sync [APP ...]');
  const changed = await syncDeployment(root, apps);
  for (const file of changed) console.log(`  wrote ${file}`);
  if (changed.length === 0) console.log('the deployment files already say what the manifests say');
  return 0;
}
