export {
  createOrgSphereClient,
  defaultBatchLimits,
  type OrgSphereClient,
  type OrgSphereClientOptions,
  type OrgSphereLink,
} from './create-client.js';
export {
  describeOrgSphereError,
  isOrgSphereClientError,
  orgSphereErrorCodes,
  type OrgSphereClientError,
  type OrgSphereErrorCode,
  type OrgSphereErrorDetails,
} from './errors.js';
export {
  createOrgSphereSession,
  type OrgSphereSession,
  type OrgSphereSessionOptions,
  type SessionEndReason,
} from './session.js';
export { createMemoryTokenStorage, type StoredTokens, type TokenStorage } from './token-storage.js';
export type * from './types.js';
export { clientVersion, clientVersionHeader } from './version.js';
