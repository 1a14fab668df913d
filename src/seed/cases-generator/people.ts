// People and gangs as the cases generator keeps them in memory, and the schedule of the gangs'
// next cases (a min-heap by time).
import type * as D from '../cases-generator-data.ts';
import type { Leaf } from './geography.ts';
import type { Weighted } from './random.ts';

export interface Person {
  id: string;
  name: string;
  mask: string;
  idNumber: string;
  phone: string | null;
}

export interface Gang {
  id: string;
  kind: string;
  name: string;
  template: D.GangTemplate;
  home: Leaf;
  members: Person[];
  categories: Weighted<D.CategorySpec>;
  phones: string[];
  accounts: string[];
  plates: string[];
  dismantledAt: number | null;
}

export interface Slot {
  at: number;
  gang: Gang;
}

/** A min-heap of the gangs' scheduled cases, by time. */
export class SlotHeap {
  private readonly items: Slot[] = [];
  get size() {
    return this.items.length;
  }
  peek(): Slot | undefined {
    return this.items[0];
  }
  push(slot: Slot): void {
    const a = this.items;
    a.push(slot);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]!.at <= a[i]!.at) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): Slot | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
