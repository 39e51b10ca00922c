export type { AppRouters, ConnectByName } from './app-routers.ts';
export { type ConnectOptions, createNetwork, type Network } from './connect.ts';
export { type CallOptions, callProcedure } from './procedure-call.ts';
export { createRegistryClient, type Registration, type RegistryClient } from './registry-client.ts';
export { createServiceTokens, type ServiceTokens } from './service-tokens.ts';
