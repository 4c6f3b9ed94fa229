import { h, type VNode } from 'preact';
import type { El } from '../../app/reports/reports.markup.ts';

/** An element of the chart module (app/reports) as a Preact node: pages and reports draw charts one way. */
export function toVNode(node: El): VNode {
  return h(
    node.tag,
    node.attrs as Record<string, unknown>,
    ...node.children.map((c) => (typeof c === 'object' ? toVNode(c) : c)),
  );
}

export function Svg({ node }: { node: El }) {
  return toVNode(node);
}
