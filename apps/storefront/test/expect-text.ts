import type { Locator } from 'playwright-core';

/** Waits (up to 10 s) until the first match shows `text`, whitespace collapsed; names what it saw otherwise. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.first().waitFor({ timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.first().innerText()).replace(/\s+/g, ' ');
    if (seen.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected "${text}" in "${seen}"`);
}
