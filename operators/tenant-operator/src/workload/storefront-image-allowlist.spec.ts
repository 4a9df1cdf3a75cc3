import { parseImageReference, StorefrontImageAllowlist } from './storefront-image-allowlist';

const DIGEST = `sha256:${'4b825dc6'.repeat(8)}`;
const OTHER_DIGEST = `sha256:${'e3b0c442'.repeat(8)}`;

describe('storefront image allowlist', () => {
  it('reads references the way the container runtime does', () => {
    expect(parseImageReference('nginx')).toEqual({ repository: 'docker.io/library/nginx' });
    expect(parseImageReference('acme/storefront:1.2')).toEqual({ repository: 'docker.io/acme/storefront', tag: '1.2' });
    expect(parseImageReference('localhost:5000/storefront')).toEqual({ repository: 'localhost:5000/storefront' });
    expect(parseImageReference(`ghcr.io/acme/storefront:1.2@${DIGEST}`)).toEqual({ repository: 'ghcr.io/acme/storefront', tag: '1.2', digest: DIGEST });
    for (const invalid of ['', 'Acme/Storefront', 'ghcr.io/acme/storefront:', 'ghcr.io/acme/storefront@sha256:abc', 'a@b@c', 'ghcr.io//x']) {
      expect({ invalid, parsed: parseImageReference(invalid) }).toEqual({ invalid, parsed: undefined });
    }
  });

  it.each([
    // [entry, image, allowed]
    ['ghcr.io/acme/storefront', 'ghcr.io/acme/storefront:2.0.0', true],
    ['ghcr.io/acme/storefront', `ghcr.io/acme/storefront@${DIGEST}`, true],
    ['ghcr.io/acme/storefront', 'ghcr.io/acme/storefront-evil:2.0.0', false],
    ['ghcr.io/acme/storefront', 'ghcr.io/acme/storefront/evil:2.0.0', false],
    ['ghcr.io/acme/storefront', 'ghcr.io/acme:2.0.0', false],
    ['ghcr.io/acme/storefront', 'ghcr.io.evil.example/acme/storefront:2.0.0', false],
    ['ghcr.io/acme/storefront:2.0.0', 'ghcr.io/acme/storefront:2.0.0', true],
    ['ghcr.io/acme/storefront:2.0.0', 'ghcr.io/acme/storefront:2.0.1', false],
    // With a digest the runtime ignores the tag: an allowed tag must not carry an arbitrary digest.
    ['ghcr.io/acme/storefront:2.0.0', `ghcr.io/acme/storefront:2.0.0@${DIGEST}`, false],
    ['ghcr.io/acme/storefront:latest', 'ghcr.io/acme/storefront', true],
    [`ghcr.io/acme/storefront@${DIGEST}`, `ghcr.io/acme/storefront@${DIGEST}`, true],
    [`ghcr.io/acme/storefront@${DIGEST}`, `ghcr.io/acme/storefront:anything@${DIGEST}`, true],
    [`ghcr.io/acme/storefront@${DIGEST}`, `ghcr.io/acme/storefront@${OTHER_DIGEST}`, false],
    [`ghcr.io/acme/storefront@${DIGEST}`, 'ghcr.io/acme/storefront:2.0.0', false],
    [`ghcr.io/acme/storefront@${DIGEST}`, `ghcr.io/other/storefront@${DIGEST}`, false],
    ['acme/storefront', 'docker.io/acme/storefront:1', true],
    ['storefront', 'docker.io/library/storefront:1', true],
    ['ghcr.io/acme/storefront', 'not a reference', false],
  ])('entry %s, image %s: allowed %s', (entry, image, allowed) => {
    expect(new StorefrontImageAllowlist([entry], 'registry.example/default:1.0.0').allows(image)).toBe(allowed);
  });

  it('always allows the default image, and only it when the list is empty', () => {
    const allowlist = new StorefrontImageAllowlist([], 'registry.example/storefront:1.0.0');
    expect(allowlist.allows('registry.example/storefront:1.0.0')).toBe(true);
    expect(allowlist.allows('registry.example/storefront:2.0.0')).toBe(false);
    expect(allowlist.allows('evil.example/miner:latest')).toBe(false);
  });

  it('refuses to start from an entry that is not an image reference', () => {
    expect(() => new StorefrontImageAllowlist(['ghcr.io/acme/Storefront'], 'registry.example/storefront:1.0.0')).toThrow('not an image reference: "ghcr.io/acme/Storefront"');
  });
});
