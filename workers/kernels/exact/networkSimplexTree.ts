/**
 * The spanning tree of the network simplex (`networkSimplex.ts`), stored LEMON-style so that a
 * pivot costs time in the size of the cycle and of the moved subtree, not of the graph:
 * `parent`, `thread` (preorder successor, circular through the root) with its inverse
 * `revThread`, `succNum` (subtree sizes) and `lastSucc` (last node of each subtree in thread order).
 *
 * Nodes: sources 0..n−1, targets n..n+m−1, the artificial root n+m. Arc ids: real arc e = i·m + j
 * (source i -> target n + j) for e < n·m; the artificial arc of node u is n·m + u (u -> root for a
 * source, root -> u for a target). Every tree arc is the `pred` arc of exactly one node (the one
 * below it), so its flow is kept on that node (`predFlow`).
 */
export class SpanningTree {
  readonly n: number;
  readonly m: number;
  readonly root: number;
  readonly parent: Int32Array;
  readonly pred: Int32Array;
  /** 1 when the pred arc points from the node up to its parent. */
  readonly forward: Uint8Array;
  readonly predFlow: Float64Array;
  readonly thread: Int32Array;
  readonly revThread: Int32Array;
  readonly succNum: Int32Array;
  readonly lastSucc: Int32Array;
  private readonly dirtyRevs: Int32Array;
  /** Node potentials: the reduced cost of arc s -> t of cost c is c + π_s − π_t (0 on tree arcs). */
  readonly pi: Float64Array;

  /**
   * The starting tree: every node hangs off the root by its artificial arc, carrying its supply.
   * @param a source masses (length n), @param b target masses (length m)
   * @param artCost cost of the artificial arcs root -> target (source -> root ones cost 0)
   */
  constructor(a: Float64Array, b: Float64Array, artCost: number) {
    const n = a.length;
    const m = b.length;
    const N = n + m;
    this.n = n;
    this.m = m;
    this.root = N;
    this.parent = new Int32Array(N + 1);
    this.pred = new Int32Array(N + 1);
    this.forward = new Uint8Array(N + 1);
    this.predFlow = new Float64Array(N + 1);
    this.thread = new Int32Array(N + 1);
    this.revThread = new Int32Array(N + 1);
    this.succNum = new Int32Array(N + 1);
    this.lastSucc = new Int32Array(N + 1);
    this.dirtyRevs = new Int32Array(N + 1);
    this.pi = new Float64Array(N + 1);
    this.parent[N] = -1;
    this.pred[N] = -1;
    this.thread[N] = 0;
    this.revThread[0] = N;
    this.succNum[N] = N + 1;
    this.lastSucc[N] = N - 1;
    for (let u = 0; u < N; u++) {
      this.parent[u] = N;
      this.pred[u] = n * m + u;
      this.thread[u] = u + 1;
      this.revThread[u + 1] = u;
      this.succNum[u] = 1;
      this.lastSucc[u] = u;
      if (u < n) {
        this.forward[u] = 1;
        this.predFlow[u] = a[u];
      } else {
        this.pi[u] = artCost;
        this.predFlow[u] = b[u - n];
      }
    }
  }

  /**
   * Makes this tree a copy of `other` (same n and m): structure, flows and potentials. Used to
   * warm-start a solve from an earlier one's final tree without modifying it.
   */
  copyFrom(other: SpanningTree): void {
    this.parent.set(other.parent);
    this.pred.set(other.pred);
    this.forward.set(other.forward);
    this.predFlow.set(other.predFlow);
    this.thread.set(other.thread);
    this.revThread.set(other.revThread);
    this.succNum.set(other.succNum);
    this.lastSucc.set(other.lastSucc);
    this.pi.set(other.pi);
  }

  /**
   * Replaces the tree arc above `uOut` by the arc `inArc` joining uIn (in uOut's subtree) to vIn
   * (outside it), carrying `flow`: reverses the stem uIn … uOut and splices the moved subtrees
   * into the thread after vIn (LEMON's updateTreeStructure). `join` is the cycle's apex.
   */
  rehang(uIn: number, vIn: number, uOut: number, join: number, inArc: number, flow: number): void {
    const { parent, thread, revThread, succNum, lastSucc, pred, forward, predFlow, dirtyRevs } = this;
    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];

    let u = lastSucc[uIn];
    let right = thread[u];
    // When the old thread predecessor of uOut is vIn, join and vOut coincide.
    const last = oldRevThread === vIn ? thread[lastSucc[uOut]] : thread[vIn];

    let stem = uIn;
    thread[vIn] = stem;
    let dirty = 0;
    dirtyRevs[dirty++] = vIn;
    let parStem = vIn;
    while (stem !== uOut) {
      const newStem = parent[stem];
      thread[u] = newStem;
      dirtyRevs[dirty++] = u;
      const w = revThread[stem];
      thread[w] = right;
      revThread[right] = w;
      parent[stem] = parStem;
      parStem = stem;
      stem = newStem;
      u = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
      right = thread[u];
    }
    parent[uOut] = parStem;
    thread[u] = last;
    revThread[last] = u;
    lastSucc[uOut] = u;
    if (oldRevThread !== vIn) {
      thread[oldRevThread] = right;
      revThread[right] = oldRevThread;
    }
    for (let k = 0; k < dirty; k++) {
      const d = dirtyRevs[k];
      revThread[thread[d]] = d;
    }

    // Shift pred arcs (with their flows) down the reversed stem; the entering arc becomes uIn's.
    let tmpSc = 0;
    const tmpLs = lastSucc[uOut];
    for (u = uOut; u !== uIn;) {
      const w = parent[u];
      pred[u] = pred[w];
      predFlow[u] = predFlow[w];
      forward[u] = forward[w] === 1 ? 0 : 1;
      tmpSc += succNum[u] - succNum[w];
      succNum[u] = tmpSc;
      lastSucc[w] = tmpLs;
      u = w;
    }
    pred[uIn] = inArc;
    predFlow[uIn] = flow;
    forward[uIn] = uIn < this.n ? 1 : 0; // real arcs go source -> target
    succNum[uIn] = oldSuccNum;

    // Fix lastSucc and succNum on the two paths up to join.
    let upLimitIn = -1;
    let upLimitOut = -1;
    if (lastSucc[join] === vIn) upLimitOut = join;
    else upLimitIn = join;
    for (u = vIn; u !== upLimitIn && lastSucc[u] === vIn; u = parent[u]) lastSucc[u] = lastSucc[uOut];
    const replacement = join !== oldRevThread && vIn !== oldRevThread ? oldRevThread : lastSucc[uOut];
    for (u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) lastSucc[u] = replacement;
    for (u = vIn; u !== join; u = parent[u]) succNum[u] += oldSuccNum;
    for (u = vOut; u !== join; u = parent[u]) succNum[u] -= oldSuccNum;
  }

  /** Adds `sigma` to the potential of every node in the subtree of u. */
  shiftSubtree(u: number, sigma: number): void {
    const { pi, thread } = this;
    const end = thread[this.lastSucc[u]];
    for (let w = u; w !== end; w = thread[w]) pi[w] += sigma;
  }

  /**
   * Recomputes every potential from the root down (thread order visits parents first), dropping
   * the rounding that many incremental subtree shifts accumulate.
   * @param C the n×m cost matrix, @param artCost cost of the root -> target artificial arcs
   */
  recomputePotentials(C: Float64Array, artCost: number): void {
    const { pi, thread, pred, parent, forward, root, n } = this;
    const E = n * this.m;
    pi[root] = 0;
    for (let u = thread[root]; u !== root; u = thread[u]) {
      const e = pred[u];
      const c = e < E ? C[e] : u < n ? 0 : artCost;
      // Tree arcs have zero reduced cost: c + π_source − π_target = 0.
      pi[u] = forward[u] === 1 ? pi[parent[u]] - c : pi[parent[u]] + c;
    }
  }
}
