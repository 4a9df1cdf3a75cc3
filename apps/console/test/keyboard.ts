import type { Page } from 'playwright-core';
import type { BrowserDocument } from './browser-dom';

// Used only inside page.evaluate callbacks, which run in Chromium (see browser-dom.ts).
declare const document: BrowserDocument;

/** What a keyboard user hears for the focused control: its aria-label, label or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    element.dataset.keyboardReached = 'yes';
    const name = element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '';
    return name.replace(/\s+/g, ' ').trim();
  });
}

/**
 * Presses Tab (only the keyboard) until the control named `name` has focus, marking every control
 * passed on the way; fails when it is not reachable within `limit` presses.
 */
export async function tabTo(page: Page, name: string, limit = 120): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (focused === name) return;
    passed.push(focused);
  }
  throw new Error(`"${name}" not reached by Tab; passed: ${passed.join(' | ')}`);
}

/** One full Tab round through the page, marking what receives focus. */
export async function tabThroughPage(page: Page, presses = 150): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    await focusedName(page);
  }
}

/** How many enabled controls `selector` holds, and those no Tab press reached. */
export function unreachedControls(page: Page, selector: string): Promise<{ controls: number; unreached: string[] }> {
  return page.evaluate((scope) => {
    const controls = Array.from(document.querySelectorAll(`${scope} :is(input, select, textarea, button, a[href])`)).filter((c) => !c.disabled);
    const unreached = controls.filter((c) => c.dataset.keyboardReached !== 'yes').map((c) => c.outerHTML.slice(0, 120));
    return { controls: controls.length, unreached };
  }, selector);
}
