import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A secret sealed by envelope encryption: the value is encrypted with a data key of its own
 * (AES-256-GCM), and the data key is encrypted ("wrapped") with a platform key named by `kid`.
 * Rotating the platform key re-wraps data keys only; the values are never decrypted on disk.
 */
export interface SealedSecret {
  readonly v: 1;
  /** Which platform key wrapped the data key. */
  readonly kid: string;
  /** The data key, wrapped: iv, tag and ciphertext, base64url, joined by '.'. */
  readonly dek: string;
  /** The value under the data key, same encoding. */
  readonly value: string;
}

export class SecretKeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyringError';
  }
}

/** A sealed secret that this keyring cannot open: unknown key, tampered, or another context. */
export class SealedSecretUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretUnreadableError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
/** The full GCM tag: Node would accept one as short as 4 bytes, which weakens forgery resistance. */
const TAG_BYTES = 16;

/**
 * The platform keys that seal merchants' secrets (payment provider keys). Written as
 * `kid:base64key[,kid:base64key...]` (each key 32 bytes): the first seals, every one opens, so a
 * new key is put first and the old one kept until `rewrap` has moved every secret to the new one.
 *
 * Each secret is bound to a context (e.g. `<tenant id>:stripe.secretKey`) as GCM associated data:
 * a sealed value copied to another store's row, or to another field, does not open.
 */
export class SecretKeyring {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentKid: string;

  constructor(spec: string) {
    const entries = spec
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part): [string, Buffer] => {
        const separator = part.indexOf(':');
        const kid = part.slice(0, separator);
        const key = Buffer.from(part.slice(separator + 1), 'base64');
        if (separator < 1 || !KEY_ID.test(kid)) throw new SecretKeyringError('each key is written kid:base64 with a kid of letters, digits, _ or -');
        if (key.length !== 32) throw new SecretKeyringError(`key "${kid}" must be 32 bytes (base64 of 32 random bytes)`);
        return [kid, key];
      });
    if (entries.length === 0) throw new SecretKeyringError('give at least one key as kid:base64');
    this.keys = new Map(entries);
    if (this.keys.size !== entries.length) throw new SecretKeyringError('key ids must be unique');
    this.currentKid = entries[0]![0];
  }

  /** A keyring spec with one fresh random key, e.g. for a local install. */
  static generateSpec(kid = 'k1'): string {
    return `${kid}:${randomBytes(32).toString('base64')}`;
  }

  seal(plaintext: string, context: string): SealedSecret {
    const dataKey = randomBytes(32);
    return {
      v: 1,
      kid: this.currentKid,
      dek: encrypt(this.keyFor(this.currentKid), dataKey, `dek:${context}`),
      value: encrypt(dataKey, Buffer.from(plaintext, 'utf8'), context),
    };
  }

  open(sealed: SealedSecret, context: string): string {
    assertSealedShape(sealed);
    const dataKey = decrypt(this.keyFor(sealed.kid), sealed.dek, `dek:${context}`);
    return decrypt(dataKey, sealed.value, context).toString('utf8');
  }

  /** True when the secret is sealed under an older key than the current one. */
  isStale(sealed: SealedSecret): boolean {
    return sealed.kid !== this.currentKid;
  }

  /** The same secret with its data key wrapped by the current key; the value is not touched. */
  rewrap(sealed: SealedSecret, context: string): SealedSecret {
    assertSealedShape(sealed);
    if (!this.isStale(sealed)) return sealed;
    const dataKey = decrypt(this.keyFor(sealed.kid), sealed.dek, `dek:${context}`);
    return { ...sealed, kid: this.currentKid, dek: encrypt(this.keyFor(this.currentKid), dataKey, `dek:${context}`) };
  }

  private keyFor(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key) throw new SealedSecretUnreadableError(`no platform key "${kid}" in the keyring: it was removed before every secret was re-wrapped`);
    return key;
  }
}

/** A value read from storage that is not a sealed secret of this version is refused, not crashed on. */
function assertSealedShape(sealed: SealedSecret): void {
  const candidate = sealed as unknown as Record<string, unknown> | null;
  if (!candidate || candidate.v !== 1 || typeof candidate.kid !== 'string' || typeof candidate.dek !== 'string' || typeof candidate.value !== 'string') {
    throw new SealedSecretUnreadableError('the sealed secret is malformed');
  }
}

function encrypt(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

function decrypt(key: Buffer, encoded: string, context: string): Buffer {
  const [iv, tag, ciphertext] = encoded.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedSecretUnreadableError('the sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealedSecretUnreadableError('the sealed secret does not open: tampered, or sealed for another store or field');
  }
}
