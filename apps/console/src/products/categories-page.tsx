import { useState, type FormEvent } from 'react';
import type { CategoryView } from '../api/wire-types';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, SelectField, SubmitButton, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';

/** Categories: add (optionally under a parent) and delete; renaming is API-only for now. */
export function CategoriesPage() {
  const { api } = useConsole();
  const categories = useResource(() => api.request<{ items: CategoryView[] }>('GET', '/categories'), 'categories');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const create = useSubmit();
  const removal = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      await api.request('POST', '/categories', { name, ...(parentId ? { parentId } : {}) });
      setName('');
      await categories.reload();
    });
  };
  const items = categories.data?.items ?? [];
  const nameOf = (id: string | null) => items.find((c) => c.id === id)?.name;

  return (
    <>
      <h1>Categories</h1>
      <form onSubmit={submit} noValidate className="card" aria-labelledby="new-category">
        <h2 id="new-category">New category</h2>
        <FormAlert message={create.error} />
        <div className="row">
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} errors={messagesFor(create.fieldErrors, 'name')} required />
          <SelectField label="Parent" value={parentId} onChange={(e) => setParentId(e.target.value)} errors={messagesFor(create.fieldErrors, 'parentId')}>
            <option value="">None (top level)</option>
            {items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
        <SubmitButton busy={create.busy} label="Add category" busyLabel="Adding…" />
      </form>
      <LoadState loading={categories.loading} error={categories.error} />
      <FormAlert message={removal.error} />
      <ul className="plain-list" data-testid="category-list">
        {items.map((category) => (
          <li key={category.id}>
            <span>
              {category.name} <span className="hint">/{category.slug}{category.parentId ? ` · in ${nameOf(category.parentId)}` : ''}</span>
            </span>
            <button
              type="button"
              onClick={() =>
                void removal.run(async () => {
                  await api.request('DELETE', `/categories/${category.id}`);
                  await categories.reload();
                })
              }
            >
              Delete<span className="visually-hidden"> {category.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
