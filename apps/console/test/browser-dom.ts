/**
 * The little of the DOM that functions passed to page.evaluate touch. The root tsconfig compiles
 * server code without DOM types (so browser globals cannot leak into it); these run in Chromium.
 */
export interface BrowserElement {
  readonly outerHTML: string;
  readonly textContent: string | null;
  readonly disabled?: boolean;
  /** An input's live value, which its outerHTML need not show. */
  readonly value?: string;
  readonly dataset: Record<string, string | undefined>;
  readonly labels?: ArrayLike<BrowserElement> | null;
  getAttribute(name: string): string | null;
}

export interface BrowserDocument {
  readonly documentElement: { readonly scrollWidth: number };
  readonly body: BrowserElement & { readonly innerText: string };
  readonly activeElement: BrowserElement | null;
  getElementById(id: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
}
