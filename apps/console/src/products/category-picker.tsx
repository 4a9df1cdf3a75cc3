import type { CategoryView } from '../api/wire-types';

/** The product's categories as checkboxes (a multi-select listbox is clumsy on a phone). */
export function CategoryPicker({ categories, selected, errors, onChange }: { categories: readonly CategoryView[]; selected: readonly string[]; errors: readonly string[]; onChange(ids: string[]): void }) {
  return (
    <fieldset className="categories" aria-describedby={errors.length ? 'categories-error' : undefined}>
      <legend>Categories</legend>
      {categories.length === 0 ? <p className="hint">No categories yet.</p> : null}
      {categories.map((category) => (
        <label key={category.id} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(category.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, category.id] : selected.filter((id) => id !== category.id))}
          />
          {category.name}
        </label>
      ))}
      {errors.length ? (
        <span className="field-error" id="categories-error">
          {errors.join('; ')}
        </span>
      ) : null}
    </fieldset>
  );
}
