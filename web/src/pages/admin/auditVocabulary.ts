// Audit actions and record types by name: the codes (auth.login) stay as tooltips and in the filter's value.
import { useTranslation } from 'react-i18next';
import { translateKey } from '../../i18n/translateKey';

function flatten(node: unknown, prefix: string, out: string[]): string[] {
  if (typeof node === 'string') out.push(prefix);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export function useAuditVocabulary() {
  const { t, i18n } = useTranslation();
  const known = flatten(i18n.getResource(i18n.language, 'translation', 'auditActions'), '', []);
  const families = [...new Set(known.map((code) => code.split('.')[0]!))];
  const familyName = (family: string) => translateKey(`auditFamilies.${family}`) ?? family;
  return {
    /** auth.login → 登录 / Signed in; an action this build does not know reads as its code. */
    actionName: (code: string) => translateKey(`auditActions.${code}`) ?? code,
    entityName: (type: string) => translateKey(`auditEntities.${type}`) ?? type,
    /** Options for the action filter: each family (every action in it), then its actions. */
    actionOptions: families.map((family) => ({
      label: familyName(family),
      options: [
        { value: `${family}.*`, label: t('auditLog.allOf', { family: familyName(family) }) },
        ...known
          .filter((code) => code.startsWith(`${family}.`))
          .map((code) => ({ value: code, label: translateKey(`auditActions.${code}`) ?? code })),
      ],
    })),
    entityTypes: Object.keys((i18n.getResource(i18n.language, 'translation', 'auditEntities') ?? {}) as Record<string, string>),
  };
}
