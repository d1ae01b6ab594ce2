/**
 * The API keys the simulated server holds: those configured in the options (there from the start)
 * and those created with `POST /v1/keys`. As on the reference server, a key is recognised by its
 * secret while it is not revoked, and once any key exists (configured, created, revoked or not)
 * every request needs one: revoking the last key never reopens loopback mode. `reset()` goes back
 * to the configured keys.
 */
import type { ResolvedKey, Scope } from '../options';
import type { Schemas } from '../spec';
import { randomId } from '../util/crypto';

export interface KeyRecord {
  id: string;
  tenant: string;
  name: string | null;
  /** The secret. The server keeps only its sha256; the mock keeps it in memory and never answers it again. */
  secret: string;
  scopes: Scope[];
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `dk_live_…` or `dk_test_…` with 32 base62 characters, like the server's keys. */
function newSecret(mode: 'live' | 'test'): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `dk_${mode}_${[...bytes].map((b) => BASE62[b % 62]).join('')}`;
}

export class KeyRing {
  private readonly records = new Map<string, KeyRecord>();
  private everCreated = false;

  /** `configuredAt`: when the configured keys were made (the clock's start). */
  constructor(
    private readonly configured: readonly ResolvedKey[],
    private readonly configuredAt: number,
  ) {
    this.seed();
  }

  /** Whether requests need a key: some key exists or existed since the last reset. */
  get required(): boolean {
    return this.configured.length > 0 || this.everCreated;
  }

  /** The live key with this secret (its last use noted when `now` is given), else undefined. */
  recognise(secret: string, now?: number): KeyRecord | undefined {
    for (const record of this.records.values()) {
      if (record.secret !== secret || record.revokedAt !== null) continue;
      if (now !== undefined) record.lastUsedAt = now;
      return record;
    }
    return undefined;
  }

  create(input: {
    tenant: string;
    name?: string;
    scopes: Scope[];
    mode: 'live' | 'test';
    now: number;
  }): KeyRecord {
    const record: KeyRecord = {
      id: randomId('key_'),
      tenant: input.tenant,
      name: input.name ?? null,
      secret: newSecret(input.mode),
      scopes: [...input.scopes],
      createdAt: input.now,
      lastUsedAt: null,
      revokedAt: null,
    };
    this.records.set(record.id, record);
    this.everCreated = true;
    return record;
  }

  get(id: string): KeyRecord | undefined {
    return this.records.get(id);
  }

  /**
   * Oldest first, revoked ones included; of one tenant when it is named. Keys made at the same
   * instant (the configured ones) keep their order: configured, then created.
   */
  list(tenant?: string | null): KeyRecord[] {
    return [...this.records.values()]
      .filter((k) => !tenant || k.tenant === tenant)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Revokes at once; a key revoked before keeps its `revoked_at`. */
  revoke(record: KeyRecord, now: number): KeyRecord {
    record.revokedAt ??= now;
    return record;
  }

  reset() {
    this.records.clear();
    this.everCreated = false;
    this.seed();
  }

  private seed() {
    for (const k of this.configured) {
      this.records.set(k.id, {
        id: k.id,
        tenant: k.tenant,
        name: k.name,
        secret: k.key,
        scopes: [...k.scopes],
        createdAt: this.configuredAt,
        lastUsedAt: null,
        revokedAt: null,
      });
    }
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The first 12 characters, to recognise a key by. A configured test key can be short
 * (`dk_test_bob`); its last 4 characters are never shown, so the prefix is never the whole secret.
 */
export const keyPrefix = (secret: string) => secret.slice(0, Math.max(0, Math.min(12, secret.length - 4)));

/** A key as `/v1/keys` shows it: never its secret, only its `prefix`. */
export function toApiKey(record: KeyRecord): Schemas['ApiKey'] {
  return {
    id: record.id,
    tenant_id: record.tenant,
    name: record.name,
    prefix: keyPrefix(record.secret),
    scopes: record.scopes,
    created_at: new Date(record.createdAt).toISOString(),
    last_used_at: iso(record.lastUsedAt),
    revoked_at: iso(record.revokedAt),
  };
}
