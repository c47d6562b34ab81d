// The package's public API: the client, its error, pagination, and the generated contract types.
export { createClient } from './client.js';
export { GitHubApiError, GitHubNetworkError, PageLimitError } from './errors.js';
export type { RequestSummary } from './errors.js';
export { defaultMaxPages, paginate, paginateAll, parseLink } from './paginate.js';
export type { ItemOf, ListFunction, PaginateOptions } from './paginate.js';
export type {
  Client,
  ClientOptions,
  ClientSettings,
  Credentials,
  ErrorOf,
  OneOfScopesAddScopesRemoveScopes,
  OperationFunction,
  OperationName,
  OperationOf,
  RequestExtras,
  RequestOf,
  ResultOf,
} from './types.js';
export { operationTable } from '../generated/operations.js';
export type { OperationIds } from '../generated/operations.js';
export type * from '../generated/schema.js';
