/**
 * An FP-tree (Han, Pei & Yin 2000) in typed arrays: transactions share the prefixes of their items
 * taken in a fixed order, each node counting the transactions through it, and each item's nodes
 * linked from its header. Items are local numbers 0..itemCount-1, 0 the first in the order. Node 0
 * is the root.
 */
export class FpTree {
  readonly itemCount: number;
  /** The sum of the counts of each item's nodes: its support in this tree. */
  readonly itemTotal: Float64Array;
  /** Each item's first node, −1 when none. */
  readonly head: Int32Array;
  item: Int32Array;
  count: Float64Array;
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** The next node of the same item. */
  nextSame: Int32Array;
  size = 1;

  constructor(itemCount: number, capacity = 64) {
    this.itemCount = itemCount;
    this.itemTotal = new Float64Array(itemCount);
    this.head = new Int32Array(itemCount).fill(-1);
    this.item = new Int32Array(capacity);
    this.count = new Float64Array(capacity);
    this.parent = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.nextSame = new Int32Array(capacity).fill(-1);
    this.item[0] = -1;
  }

  /** Adds a transaction of `length` items from `items`, ascending, `count` times. */
  insert(items: ArrayLike<number>, length: number, count: number): void {
    let at = 0;
    for (let i = 0; i < length; i++) {
      const item = items[i];
      let child = this.firstChild[at];
      while (child !== -1 && this.item[child] !== item) child = this.nextSibling[child];
      if (child === -1) child = this.addNode(at, item);
      this.count[child] += count;
      this.itemTotal[item] += count;
      at = child;
    }
  }

  private addNode(parent: number, item: number): number {
    if (this.size === this.item.length) this.grow();
    const node = this.size++;
    this.item[node] = item;
    this.parent[node] = parent;
    this.nextSibling[node] = this.firstChild[parent];
    this.firstChild[parent] = node;
    this.nextSame[node] = this.head[item];
    this.head[item] = node;
    return node;
  }

  private grow(): void {
    const capacity = this.item.length * 2;
    const widen = <T extends Int32Array | Float64Array>(old: T, fill: number): T => {
      const wider = new (old.constructor as new (n: number) => T)(capacity);
      wider.set(old);
      if (fill !== 0) wider.fill(fill, old.length);
      return wider;
    };
    this.item = widen(this.item, 0);
    this.count = widen(this.count, 0);
    this.parent = widen(this.parent, 0);
    this.firstChild = widen(this.firstChild, -1);
    this.nextSibling = widen(this.nextSibling, -1);
    this.nextSame = widen(this.nextSame, -1);
  }
}
