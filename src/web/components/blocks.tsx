import type { ComponentChildren } from 'preact';

/** The building blocks of a page: a titled section, a fact of a definition list, a message. */

/** A section named by its heading (`id` is the heading's). */
export function Section({
  id,
  title,
  class: cls,
  children,
}: {
  id: string;
  title: ComponentChildren;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <section aria-labelledby={id} class={cls}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** One term and its description, inside a `<dl>`. */
export function Fact({ label, children }: { label: ComponentChildren; children?: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Flash({ kind, children }: { kind: 'ok' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The way back: a link to the page this one belongs to. */
export function Crumb({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="crumbs">
      <a href={href}>{children}</a>
    </p>
  );
}
