// Jurisdiction picker: a cascader rooted at the user's own jurisdiction whose levels load lazily
// from /api/jurisdictions?parent=CODE. Any level may be chosen (a city, or one of its counties).
// The value is a single 6-digit code; for a value below the root (e.g. from a shared URL) the
// path is looked up with /api/jurisdictions/:code so the cascader can show its names.
import { Cascader } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getJurisdiction, listJurisdictions } from '../api/org';
import type { Jurisdiction } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { useLabels } from '../i18n/useLabels';
import type { CodePickerProps } from './codePickerProps';

interface Node {
  record: Pick<Jurisdiction, 'code' | 'nameZh' | 'nameEn' | 'level'> & { parentCode?: string | null };
  /** Child codes once loaded. */
  children?: string[];
  loading?: boolean;
}

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: Option[];
}

export type JurisdictionCascaderProps = CodePickerProps;

export function JurisdictionCascader({ id, value, onChange, allowClear, placeholder, style, className, status, ...rest }: JurisdictionCascaderProps) {
  const me = useMe();
  const { localName } = useLabels();
  const rootCode = me.jurisdiction.code;
  const [nodes, setNodes] = useState<Map<string, Node>>(() => new Map([[rootCode, { record: me.jurisdiction }]]));

  const loadChildren = useCallback(async (code: string) => {
    setNodes((prev) => new Map(prev).set(code, { ...prev.get(code)!, loading: true }));
    try {
      const { items } = await listJurisdictions(code);
      setNodes((prev) => {
        const next = new Map(prev);
        for (const item of items) next.set(item.code, { ...next.get(item.code), record: item });
        next.set(code, { ...next.get(code)!, loading: false, children: items.map((i) => i.code) });
        return next;
      });
    } catch {
      setNodes((prev) => new Map(prev).set(code, { ...prev.get(code)!, loading: false }));
    }
  }, []);

  // A value not loaded yet (e.g. from the URL): find its ancestors up to the root and load each level.
  useEffect(() => {
    if (!value || nodes.has(value)) return;
    let cancelled = false;
    const controller = new AbortController();
    void (async () => {
      const chain: Jurisdiction[] = [];
      let code: string | null | undefined = value;
      try {
        for (let depth = 0; code && code !== rootCode && depth < 6; depth++) {
          const found: Jurisdiction = await getJurisdiction(code, controller.signal);
          chain.push(found);
          code = found.parentCode;
        }
      } catch {
        return;
      }
      if (cancelled || code !== rootCode) return; // outside the user's tree: shown as the bare code
      const parents = [
        rootCode,
        ...chain
          .slice(1)
          .reverse()
          .map((j) => j.code),
      ];
      for (const parent of parents) {
        if (cancelled) return;
        await loadChildren(parent);
      }
    })();
    return () => {
      cancelled = true;
      controller.abort();
    };
    // nodes is read only to skip known values; reloading on every node change is not wanted.
  }, [value, rootCode, loadChildren]);

  const options = useMemo(() => {
    const build = (code: string): Option | undefined => {
      const node = nodes.get(code);
      if (!node) return undefined;
      const leaf = node.record.level === 'county' || (node.children !== undefined && node.children.length === 0);
      return {
        value: code,
        label: localName(node.record),
        isLeaf: leaf,
        loading: node.loading,
        children: node.children?.map(build).filter((o): o is Option => Boolean(o)),
      };
    };
    const root = build(rootCode);
    return root ? [root] : [];
  }, [nodes, rootCode, localName]);

  const path = useMemo(() => {
    if (!value) return undefined;
    const parentOf = new Map<string, string>();
    for (const [code, node] of nodes) for (const child of node.children ?? []) parentOf.set(child, code);
    const chain = [value];
    let code: string | undefined = value;
    while (code && code !== rootCode) {
      code = parentOf.get(code);
      if (code) chain.unshift(code);
    }
    return code === rootCode ? chain : [value];
  }, [value, nodes, rootCode]);

  return (
    <Cascader<Option>
      id={id}
      data-testid={rest['data-testid']}
      options={options}
      value={path}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      className={className}
      status={status}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && !last.isLeaf && !nodes.get(last.value)?.children) void loadChildren(last.value);
      }}
      onChange={(next) => {
        const list = (next ?? []) as string[];
        onChange?.(list.length ? list[list.length - 1] : undefined);
      }}
    />
  );
}
