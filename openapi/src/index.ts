/**
 * The Distillery API contract: the spec as data and as the types generated from it. Every package
 * that speaks the API reads it from here; the published SDK and mock bundle what they use at build
 * time, so this package is never installed by their users.
 */
import specJson from './generated/openapi.json' with { type: 'json' };

export type { DefaultedParameters } from './generated/defaulted-parameters';
export type { components, operations, paths } from './generated/openapi';

import type { components } from './generated/openapi';

export type Schemas = components['schemas'];

/** The spec (openapi/distillery.yaml) as JSON, `$ref`s left in place. */
export const spec: unknown = specJson;
