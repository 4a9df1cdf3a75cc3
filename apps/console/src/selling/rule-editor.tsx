import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type ApiClient } from '../api/api-client';
import { useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { BackLink } from '../ui/back-link';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadState } from '../ui/console-shell';
import { messagesFor, unplacedErrors, type FieldErrors } from '../ui/field-errors';
import { FormAlert, FormSuccess, SubmitButton } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { capitalised, type RuleKind } from './rule-kinds';
import type { Converted } from './selling-draft';

/** What a rule's fields get: the draft, a way to change part of it, and the API's messages per field path. */
export interface RuleFieldsProps<D> {
  readonly draft: D;
  change(part: Partial<D>): void;
  /** The messages for a field and its parts. */
  errors(field: string): string[];
  /** All of them, for editors of a list that place each row's own. */
  readonly fieldErrors: FieldErrors;
}

interface RuleEditorProps<V, C> {
  readonly kind: RuleKind;
  /** null for a new rule. */
  readonly id: string | null;
  loadContext(api: ApiClient): Promise<C>;
  /** The rule's form, once the rule (null when new) and its context are loaded. */
  form(rule: V | null, context: C): ReactNode;
}

/**
 * Loads a rule and what its form needs, then mounts the form, so the form's state starts from
 * the loaded rule and nothing typed is overwritten by a late answer.
 */
export function RuleEditorPage<V extends { readonly id: string }, C>({ kind, id, loadContext, form }: RuleEditorProps<V, C>) {
  const { api } = useConsole();
  const data = useResource(async () => {
    const [rule, context] = await Promise.all([id ? api.request<V>('GET', `${kind.api}/${id}`) : Promise.resolve(null), loadContext(api)]);
    return { rule, context };
  }, id ?? 'new');
  return (
    <>
      <BackLink to={kind.route} label={kind.section} />
      {data.data ? form(data.data.rule, data.data.context) : <LoadState loading={data.loading} error={data.error} />}
    </>
  );
}

interface RuleFormProps<V, D> {
  readonly kind: RuleKind;
  readonly initial: V | null;
  readonly emptyDraft: D;
  draftOf(rule: V): D;
  bodyOf(draft: D): Converted<unknown>;
  titleOf(rule: V): string;
  /** Field paths the fields show; the API's messages for any other go to the form's summary. */
  readonly shownFields: readonly string[];
  fields(props: RuleFieldsProps<D>): ReactNode;
}

/**
 * Create (POST, then the new rule's own page) or replace (PUT: the API takes a rule whole) and
 * delete after confirmation: one editor for every selling rule, its fields given by the kind.
 */
export function RuleForm<V extends { readonly id: string }, D>({ kind, initial, emptyDraft, draftOf, bodyOf, titleOf, shownFields, fields }: RuleFormProps<V, D>) {
  const { api } = useConsole();
  const { navigate, search } = useRouter();
  const [stored, setStored] = useState(initial);
  const [draft, setDraft] = useState(() => (initial ? draftOf(initial) : emptyDraft));
  const [saved, setSaved] = useState<string | null>(search.get('created') ? `${capitalised(kind.noun)} created.` : null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const submission = useSubmit();
  const removal = useSubmit();

  const change = (part: Partial<D>) => {
    setSaved(null);
    setDraft((current) => ({ ...current, ...part }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    void submission.run(async () => {
      const { body, problems } = bodyOf(draft);
      if (problems.length) throw new ApiError(400, 'Check the highlighted fields.', problems);
      if (!stored) {
        const created = await api.request<V>('POST', kind.api, body);
        navigate(`${kind.route}/${created.id}?created=1`, { replace: true });
        return;
      }
      const replaced = await api.request<V>('PUT', `${kind.api}/${stored.id}`, body);
      setStored(replaced);
      setDraft(draftOf(replaced));
      setSaved('Changes saved.');
    });
  };
  const remove = () => {
    setConfirmingDelete(false);
    void removal.run(async () => {
      await api.request('DELETE', `${kind.api}/${stored!.id}`);
      navigate(kind.route);
    });
  };
  const title = stored ? titleOf(stored) : `New ${kind.noun}`;

  return (
    <>
      <h1>{title}</h1>
      <form onSubmit={submit} noValidate className="rule-form" aria-label={stored ? `Edit ${kind.noun}` : `New ${kind.noun}`}>
        <FormAlert message={submission.error} extra={unplacedErrors(submission.fieldErrors, shownFields)} />
        {fields({ draft, change, errors: (field) => messagesFor(submission.fieldErrors, field), fieldErrors: submission.fieldErrors })}
        <FormSuccess message={saved} />
        <FormAlert message={removal.error} />
        <div className="actions">
          <SubmitButton busy={submission.busy} label={stored ? 'Save changes' : `Create ${kind.noun}`} busyLabel={stored ? 'Saving…' : 'Creating…'} />
          {stored ? (
            <button type="button" className="danger" onClick={() => setConfirmingDelete(true)} disabled={removal.busy}>
              Delete {kind.noun}
            </button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog open={confirmingDelete} title={`Delete ${title}?`} confirmLabel={`Delete ${kind.noun}`} onCancel={() => setConfirmingDelete(false)} onConfirm={remove}>
        <p>It stops applying at checkout at once. Orders already placed keep what they were charged.</p>
      </ConfirmDialog>
    </>
  );
}
