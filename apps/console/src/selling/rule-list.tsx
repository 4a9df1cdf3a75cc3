import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import { Link } from '../routing/router';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { TableScroll } from '../ui/table-scroll';
import { useResource } from '../ui/use-resource';
import type { RuleKind } from './rule-kinds';

export interface RuleColumn<V, C> {
  readonly header: string;
  cell(rule: V, context: C): ReactNode;
}

/**
 * A selling rule kind's table: each rule's name links to its editor, then the kind's columns.
 * `loadContext` fetches what the cells need besides the rules (the currency, category names).
 * `level` 1 when the list is the page, 2 when it is a section of one (zones under tax settings).
 */
export function RuleList<V extends { readonly id: string }, C>({
  kind,
  level,
  nameHeader = 'Name',
  nameOf,
  columns,
  loadContext,
  empty,
}: {
  kind: RuleKind;
  level: 1 | 2;
  nameHeader?: string;
  nameOf(rule: V): string;
  columns: readonly RuleColumn<V, C>[];
  loadContext(api: ApiClient): Promise<C>;
  empty: string;
}) {
  const { api } = useConsole();
  const key = kind.noun.replace(/ /g, '-');
  const list = useResource(async () => {
    const [rules, context] = await Promise.all([api.request<{ items: V[] }>('GET', kind.api), loadContext(api)]);
    return { rules: rules.items, context };
  }, kind.api);
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section aria-labelledby={`${key}-list`}>
      <div className="page-head">
        <Heading id={`${key}-list`}>{kind.plural}</Heading>
        <Link to={`${kind.route}/new`} className="button primary">
          New {kind.noun}
        </Link>
      </div>
      <LoadState loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.rules.length === 0 ? <p>{empty}</p> : null}
      {list.data?.rules.length ? (
        <TableScroll label={`${kind.plural} table`}>
          <table data-testid={`${key}-table`}>
            <thead>
              <tr>
                <th scope="col">{nameHeader}</th>
                {columns.map((column) => (
                  <th scope="col" key={column.header}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.rules.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row">
                    <Link to={`${kind.route}/${rule.id}`}>{nameOf(rule)}</Link>
                  </th>
                  {columns.map((column) => (
                    <td key={column.header}>{column.cell(rule, list.data!.context)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
