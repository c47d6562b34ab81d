// ghes-oauth-authorizations/validators: type guards and assertions for the contract's schemas, on the
// validators precompiled at build time: importing this compiles nothing and needs neither ajv nor Node.
//
// By schema name, `isValid`, `assertValid` and `validationIssues` (src/validation.ts); by type, one
// `is*` and one `assert*` per component schema, named after its root type in schema.ts
// (generated/guards.ts, which `npm run build` writes from the contract).
export { assertValid, InvalidPayloadError, isValid, validationIssues } from './validation.js';
export type { Assertion, Guard, SchemaName, SchemaType, ValidationIssue } from './validation.js';
export * from '../generated/guards.js';
