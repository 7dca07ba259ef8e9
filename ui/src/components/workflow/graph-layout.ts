import type { WorkflowGraph } from '@/api/types';

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  depth: number;
}

/**
 * Each state's distance from the initial state along the transitions (breadth first); states it cannot
 * reach come after the deepest, one layer each.
 */
export function stateDepths(graph: WorkflowGraph): Map<string, number> {
  const initial = graph.nodes.find((n) => n.initial)?.id ?? graph.nodes[0]?.id;
  const depth = new Map<string, number>();
  if (initial) depth.set(initial, 0);
  const queue = initial ? [initial] : [];
  while (queue.length) {
    const at = queue.shift()!;
    for (const edge of graph.edges.filter((e) => e.from === at)) {
      if (!depth.has(edge.to)) {
        depth.set(edge.to, depth.get(at)! + 1);
        queue.push(edge.to);
      }
    }
  }
  let deepest = Math.max(0, ...depth.values());
  for (const node of graph.nodes) if (!depth.has(node.id)) depth.set(node.id, ++deepest);
  return depth;
}

/** Layers the states by their distance from the initial state, top to bottom within a layer. */
export function layoutGraph(graph: WorkflowGraph): PlacedNode[] {
  const depth = stateDepths(graph);
  const layers = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const d = depth.get(node.id)!;
    layers.set(d, [...(layers.get(d) ?? []), node.id]);
  }
  return graph.nodes.map((node) => {
    const d = depth.get(node.id)!;
    const layer = layers.get(d)!;
    const index = layer.indexOf(node.id);
    return { id: node.id, depth: d, x: d * 190, y: (index - (layer.length - 1) / 2) * 86 };
  });
}
