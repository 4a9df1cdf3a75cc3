import { Link } from '../routing/router';

/** The way up from a detail page to its list, worded the same on every page ("← Orders"). */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <Link to={to}>← {label}</Link>
    </p>
  );
}
