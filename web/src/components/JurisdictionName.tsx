// A jurisdiction by its name in the page's language (data-testid="jurisdiction-name"), its 6-digit code as a tooltip:
// people read names; the code stays a hover away for those who need it.
import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { jurisdictionByCode } from '../api/org';
import type { Jurisdiction } from '../api/types';
import { useLabels } from '../i18n/useLabels';

export function useJurisdiction(code: string | null | undefined): Jurisdiction | null {
  const [found, setFound] = useState<Jurisdiction | null>(null);
  useEffect(() => {
    setFound(null);
    if (!code) return;
    let live = true;
    void jurisdictionByCode(code).then((j) => {
      if (live) setFound(j);
    });
    return () => {
      live = false;
    };
  }, [code]);
  return found;
}

export function JurisdictionName({ code, name }: { code: string | null | undefined; name?: { nameZh: string; nameEn: string } | null }) {
  const { localName } = useLabels();
  const looked = useJurisdiction(name ? null : code);
  if (!code) return null;
  const record = name ?? looked;
  return (
    <Tooltip title={code}>
      <span data-testid="jurisdiction-name" data-code={code}>
        {record ? localName(record) : '…'}
      </span>
    </Tooltip>
  );
}
