import { messagesFor, type FieldErrors } from '../ui/field-errors';

/** Product images by URL (the platform stores addresses, not files); errors per image. */
export function ImageUrlsEditor({ images, errors, onChange }: { images: readonly string[]; errors: FieldErrors; onChange(images: string[]): void }) {
  return (
    <fieldset className="images">
      <legend>Images</legend>
      {images.map((url, index) => {
        const problems = messagesFor(errors, `images.${index}`);
        return (
          <div className="image-row" key={index}>
            {/^https?:\/\//.test(url) ? <img src={url} alt="" width={48} height={48} /> : <span className="thumb" aria-hidden="true" />}
            <div className="field grow">
              <label htmlFor={`image-${index}`}>Image {index + 1} URL</label>
              <input
                id={`image-${index}`}
                type="url"
                inputMode="url"
                value={url}
                onChange={(e) => onChange(images.map((u, i) => (i === index ? e.target.value : u)))}
                aria-invalid={problems.length > 0 || undefined}
                aria-describedby={problems.length ? `image-${index}-error` : undefined}
              />
              {problems.length ? (
                <span className="field-error" id={`image-${index}-error`}>
                  {problems.join('; ')}
                </span>
              ) : null}
            </div>
            <button type="button" onClick={() => onChange(images.filter((_, i) => i !== index))} aria-label={`Remove image ${index + 1}`}>
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...images, ''])}>
        Add image
      </button>
    </fieldset>
  );
}
