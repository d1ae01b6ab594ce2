import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { sha256Hex } from '../ids.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from '../storage/idempotency.ts';

/**
 * Runs a create under the request's Idempotency-Key: the same key with the same body returns the
 * original resource (`replay`), with another body a 409; without a key it just creates.
 */
export async function idempotent<T>(
  s: Services,
  request: { tenantId: string; key: string | undefined },
  operation: string,
  bodyText: string,
  create: () => Promise<{ id: string; value: T }>,
  replay: (id: string) => Promise<T | undefined>,
): Promise<{ value: T; replayed: boolean }> {
  const { key, tenantId } = request;
  if (!key) return { value: (await create()).value, replayed: false };
  const hash = sha256Hex(bodyText);
  const claim = await claimIdempotencyKey(s.db, tenantId, operation, key, hash);
  if (!claim.owned) {
    if (claim.bodyHash !== hash) {
      throw new ApiError(
        409,
        'idempotency_conflict',
        `Idempotency-Key ${key} was used with a different body`,
        { param: 'Idempotency-Key' },
      );
    }
    const original = claim.resourceId ? await replay(claim.resourceId) : undefined;
    if (!original) {
      throw new ApiError(
        409,
        'idempotency_conflict',
        `A request with Idempotency-Key ${key} is still in progress`,
        { param: 'Idempotency-Key' },
      );
    }
    return { value: original, replayed: true };
  }
  try {
    const created = await create();
    await completeIdempotencyKey(s.db, tenantId, operation, key, created.id);
    return { value: created.value, replayed: false };
  } catch (err) {
    await releaseIdempotencyKey(s.db, tenantId, operation, key);
    throw err;
  }
}

/** JSON text with its whitespace normalised, so a re-sent body hashes the same. */
export function canonicalBody(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return raw;
  }
}
