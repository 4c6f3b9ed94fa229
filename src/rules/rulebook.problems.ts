import { isMap, isSeq, type LineCounter, type Node } from 'yaml';
import type { Issue } from '../domain/errors.ts';

/** Where a problem is in the document, and every problem found, with its line. */
export type Path = readonly (string | number)[];
export type Doc = Record<string, unknown>;

export function dotted(path: Path): string {
  return path.map(String).join('.');
}

export class Problems {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}
  lineOf(path: Path): number | undefined {
    // the deepest node that exists on the path gives the line
    let node: unknown = this.root;
    let found: Node | undefined;
    for (const key of path) {
      if (isMap(node)) node = node.get(key, true);
      else if (isSeq(node)) node = node.get(typeof key === 'number' ? key : Number(key), true);
      else break;
      if (node && typeof node === 'object' && 'range' in node) found = node as Node;
    }
    const at = found?.range?.[0] ?? (this.root as Node | null)?.range?.[0];
    return at === undefined ? undefined : this.lines.linePos(at).line;
  }
  add(path: Path, message: string, code = 'rulebook.invalid'): void {
    const line = this.lineOf(path);
    this.issues.push(
      line === undefined
        ? { path: dotted(path), message, code }
        : { path: dotted(path), message, line, code },
    );
  }
  warn(path: Path, message: string): void {
    const line = this.lineOf(path);
    this.warnings.push(
      line === undefined ? { path: dotted(path), message } : { path: dotted(path), message, line },
    );
  }
}

export function obj(v: unknown): Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : {};
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
