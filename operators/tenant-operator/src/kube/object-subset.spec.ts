import { isSubset } from './object-subset';

describe('isSubset', () => {
  const desired = { metadata: { name: 'a', labels: { x: '1' } }, spec: { replicas: 2, ports: [{ name: 'http', port: 80 }] } };

  it('accepts a live object with extra server-set fields', () => {
    const live = {
      metadata: { name: 'a', labels: { x: '1', other: 'y' }, resourceVersion: '7' },
      spec: { replicas: 2, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      status: { ready: true },
    };
    expect(isSubset(desired, live)).toBe(true);
  });

  it.each([
    ['a changed value', { metadata: { name: 'a', labels: { x: '2' } }, spec: { replicas: 2, ports: [{ name: 'http', port: 80 }] } }],
    ['a missing field', { metadata: { name: 'a', labels: { x: '1' } }, spec: { ports: [{ name: 'http', port: 80 }] } }],
    ['an extra list item', { metadata: { name: 'a', labels: { x: '1' } }, spec: { replicas: 2, ports: [{ name: 'http', port: 80 }, { name: 'b', port: 81 }] } }],
    ['a number as a string', { metadata: { name: 'a', labels: { x: '1' } }, spec: { replicas: '2', ports: [{ name: 'http', port: 80 }] } }],
    ['no object', undefined],
  ])('refuses %s', (_what, live) => {
    expect(isSubset(desired, live)).toBe(false);
  });
});
