import { SealedSecretUnreadableError, SecretKeyring, SecretKeyringError } from './secret-envelope';

describe('SecretKeyring (envelope encryption of merchants\' secrets)', () => {
  const context = 'tenant-a:stripe.secretKey';

  it('opens what it sealed, and the sealed form does not contain the value', () => {
    const keyring = new SecretKeyring(SecretKeyring.generateSpec());
    const sealed = keyring.seal('sk_live_very_secret', context);
    expect(JSON.stringify(sealed)).not.toContain('very_secret');
    expect(keyring.open(sealed, context)).toBe('sk_live_very_secret');
  });

  it('refuses a secret moved to another store or another field', () => {
    const keyring = new SecretKeyring(SecretKeyring.generateSpec());
    const sealed = keyring.seal('sk_live_x', context);
    expect(() => keyring.open(sealed, 'tenant-b:stripe.secretKey')).toThrow(SealedSecretUnreadableError);
    expect(() => keyring.open(sealed, 'tenant-a:stripe.webhookSecret')).toThrow(SealedSecretUnreadableError);
  });

  it('refuses a tampered value', () => {
    const keyring = new SecretKeyring(SecretKeyring.generateSpec());
    const sealed = keyring.seal('sk_live_x', context);
    const [iv, tag, body] = sealed.value.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => keyring.open({ ...sealed, value: [iv, tag, flipped.toString('base64url')].join('.') }, context)).toThrow(SealedSecretUnreadableError);
  });

  it('refuses a shortened tag and a value that is not a sealed secret at all', () => {
    const keyring = new SecretKeyring(SecretKeyring.generateSpec());
    const sealed = keyring.seal('sk_live_x', context);
    const [iv, tag, body] = sealed.value.split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => keyring.open({ ...sealed, value: [iv, short, body].join('.') }, context)).toThrow(SealedSecretUnreadableError);
    expect(() => keyring.open({ v: 2 } as never, context)).toThrow(SealedSecretUnreadableError);
    expect(() => keyring.open(null as never, context)).toThrow(SealedSecretUnreadableError);
  });

  it('rotates: a new first key seals, the old one still opens, rewrap moves the data key only', () => {
    const oldSpec = SecretKeyring.generateSpec('k1');
    const sealed = new SecretKeyring(oldSpec).seal('sk_live_x', context);
    const newSpec = SecretKeyring.generateSpec('k2');
    const rotated = new SecretKeyring(`${newSpec},${oldSpec}`);
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.open(sealed, context)).toBe('sk_live_x');
    const rewrapped = rotated.rewrap(sealed, context);
    expect(rewrapped).toMatchObject({ kid: 'k2', value: sealed.value });
    expect(rotated.isStale(rewrapped)).toBe(false);
    // Once every secret is re-wrapped the old key can go.
    const newOnly = new SecretKeyring(newSpec);
    expect(newOnly.open(rewrapped, context)).toBe('sk_live_x');
    expect(() => newOnly.open(sealed, context)).toThrow(/no platform key "k1"/);
  });

  it('explains a malformed keyring', () => {
    expect(() => new SecretKeyring('')).toThrow(SecretKeyringError);
    expect(() => new SecretKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => new SecretKeyring('nokid')).toThrow(/kid:base64/);
    const spec = SecretKeyring.generateSpec('k1');
    expect(() => new SecretKeyring(`${spec},${spec}`)).toThrow(/unique/);
  });
});
