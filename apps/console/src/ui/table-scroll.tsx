import type { ReactNode } from 'react';

/**
 * A wide table's frame: it scrolls sideways on a phone instead of widening the page, and takes
 * keyboard focus so it can be scrolled without a pointer (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
