import type { Locator } from 'playwright-core';

/** Browser tests: waits until the first match shows `text`, whitespace collapsed; fails naming what it saw. */
export async function expectText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ timeout });
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.first().innerText()).replace(/\s+/g, ' ');
    if (seen.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected "${text}" in "${seen}"`);
}
