import { Link, useRouter } from '../routing/router';
import { RULE_KINDS, SELLING_PATH } from './rule-kinds';

/** The selling area's own sections, under the console's navigation (which holds one "Selling" entry). */
export function SellingNav() {
  const { path } = useRouter();
  return (
    <nav aria-label="Selling" className="sub-nav">
      <ul>
        {RULE_KINDS.map((kind, index) => (
          <li key={kind.route}>
            <Link to={kind.route} aria-current={path === kind.route || path.startsWith(`${kind.route}/`) || (index === 0 && path === SELLING_PATH) ? 'page' : undefined}>
              {kind.section}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
