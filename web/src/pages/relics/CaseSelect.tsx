// Case picker for the registry: type a case number or words of its title, choose among the cases
// the user may see (GET /api/cases applies the user's scope). The value is the case id; a value set
// before (an object's linked case) is shown by its number and title.
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCase, listCases } from '../../api/cases';

interface Option {
  value: string;
  label: string;
}

export interface CaseSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (caseId: string | null) => void;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function CaseSelect({ id, value, onChange, style, ...rest }: CaseSelectProps) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      listCases({ q: q.trim() || undefined, pageSize: 20 }, controller.signal)
        .then((page) => setOptions(page.items.map((c) => ({ value: c.id, label: `${c.caseNo} · ${c.title}` }))))
        .catch(() => undefined)
        .finally(() => !controller.signal.aborted && setLoading(false));
    }, 250);
  };

  useEffect(() => {
    search('');
    return () => {
      clearTimeout(timer.current);
      request.current?.abort();
    };
    // Once: the first page of visible cases before anything is typed.
  }, []);

  // The linked case may not be among the options: name it from its own record, once.
  const [chosen, setChosen] = useState<Option | null>(null);
  useEffect(() => {
    if (!value || chosen?.value === value) return;
    const listed = options.find((o) => o.value === value);
    if (listed) {
      setChosen(listed);
      return;
    }
    const controller = new AbortController();
    getCase(value, controller.signal)
      .then((c) => setChosen({ value: c.id, label: `${c.caseNo} · ${c.title}` }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [value, options, chosen]);
  const shown = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      style={style}
      showSearch
      allowClear
      filterOption={false}
      loading={loading}
      value={value ?? undefined}
      options={shown}
      placeholder={t('relics.form.casePlaceholder')}
      notFoundContent={loading ? null : t('relics.form.noCase')}
      onSearch={search}
      onChange={(next, option) => {
        if (option && !Array.isArray(option)) setChosen({ value: next, label: String(option.label) });
        onChange?.(next ?? null);
      }}
    />
  );
}
