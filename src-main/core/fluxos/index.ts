/** Public surface of the FluxOS HTTP API client. */
export { FluxosClient, PublicApiClient, FLUXOS_DEFAULTS, type FluxosNode, type FluxosClientOptions, type PublicRouteName } from './fluxos-client';
export { FluxosError, isFluxosError, type FluxosErrorCode, type FluxosErrorDetails } from './fluxos-error';
export { FLUXOS_ROUTES, type FluxosRouteName, type FluxosRouteResult, type RouteParams } from './routes';
export type { CallOptions } from './fetch-route';
export { parseUntrustedJson } from './envelope';
