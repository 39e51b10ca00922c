/*
 * `@egov/kernel/manifest`: an app's manifest and the workspace's apps, with
 * nothing else loaded (an app's `src/manifest.ts` imports only this).
 */
export {
  type AppManifest,
  checkManifest,
  defineManifest,
  type ManifestRole,
  type PermissionOf,
  servicePermissions,
} from './manifest.ts';
export { checkWorkspace, startOrder, type WorkspaceApp, workspaceApps } from './workspace.ts';
