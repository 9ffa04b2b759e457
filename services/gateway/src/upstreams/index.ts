// The services behind /api: which answers which prefix, their replicas, and how requests are passed on.
export {
  PROXY_OPTIONS,
  proxyRegistration,
  proxyServices,
  replicaReadiness,
  requestForwarding,
  type RequestForwarding,
} from './api-proxy.ts';
export { type ForwardedRequest } from './forwarded-headers.ts';
export { isConnectionError, resolvingReplicas, upstreams, type ReplicaSet, type Upstream } from './upstreams.ts';
