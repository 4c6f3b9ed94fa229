import type { ComponentChildren } from 'preact';
import type { View } from '../shell/http.ts';

/** Plain HTML forms: every POST carries the session's form token; every control has a label. */

export function Csrf({ v }: { v: View }) {
  return <input type="hidden" name="_csrf" value={v.csrf} />;
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** A POST form with the form token first; `confirm` asks before sending (with JavaScript). */
export function PostForm({
  v,
  action,
  class: cls,
  enctype,
  confirm,
  children,
}: {
  v: View;
  action: string;
  class?: string;
  enctype?: string;
  confirm?: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class={cls} enctype={enctype} data-confirm={confirm}>
      <Csrf v={v} />
      {children}
    </form>
  );
}

/** A labelled control; the hint below it has the id the control names in `aria-describedby`. */
export function Field({
  id,
  label,
  hint,
  hintId,
  children,
}: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  hintId?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A required text area with its label and hint (`<id>-hint`). */
export function TextArea({
  id,
  label,
  hint,
  rows,
  value,
  minLength,
}: {
  id: string;
  label: string;
  hint: string;
  rows: number;
  value: string | undefined;
  minLength?: number;
}) {
  const hintId = `${id}-hint`;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId}>
      <textarea id={id} name={id} rows={rows} required minLength={minLength} aria-describedby={hintId}>
        {value ?? ''}
      </textarea>
    </Field>
  );
}
