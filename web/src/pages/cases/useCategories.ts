// The case category tree, loaded once: names by code and TreeSelect data in the UI language.
import { useMemo } from 'react';
import { listCaseCategories } from '../../api/cases';
import type { CaseCategory } from '../../api/types';
import { useApi } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';

export interface CategoryTreeNode {
  value: string;
  title: string;
  children?: CategoryTreeNode[];
}

export function useCategories() {
  const { data, error, loading, reload } = useApi((_signal) => listCaseCategories());
  const { localName } = useLabels();

  return useMemo(() => {
    const items: CaseCategory[] = data?.items ?? [];
    const byCode = new Map(items.map((c) => [c.code, c]));
    const nodes = new Map<string, CategoryTreeNode>(items.map((c) => [c.code, { value: c.code, title: localName(c) }]));
    const roots: CategoryTreeNode[] = [];
    for (const c of items) {
      const node = nodes.get(c.code)!;
      const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
      if (parent) (parent.children ??= []).push(node);
      else roots.push(node);
    }
    /** The name of a category in the UI language (the code itself when unknown). */
    const name = (code: string) => {
      const c = byCode.get(code);
      return c ? localName(c) : code;
    };
    return { items, treeData: roots, name, error, loading, reload };
  }, [data, error, loading, reload, localName]);
}
