// Client-side form rules for cases, mirroring the server's limits (the server checks again and
// its field messages are shown on the same fields).
import type { FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';

export const LIMITS = { caseNo: 64, title: 300, summary: 20_000, reason: 2000, name: 100, description: 2000, objectRef: 64 } as const;

export const CASE_NO_PATTERN = /^[A-Za-z0-9._/-]+$/;
export const CAMPAIGN_CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const AMOUNT_PATTERN = /^[0-9]{1,16}(\.[0-9]{1,2})?$/;
export const ID_NUMBER_PATTERN = /^[0-9]{17}[0-9Xx]$|^[A-Za-z0-9]{6,20}$/;
export const PHONE_PATTERN = /^\+?[0-9 -]{5,20}$/;

export function caseRules(t: TFunction) {
  const notInFuture: FormRule = {
    validator: (_rule, value: Dayjs | null | undefined) =>
      value && value.isAfter(Date.now() + 60_000) ? Promise.reject(new Error(t('cases.validation.notInFuture'))) : Promise.resolve(),
  };
  return {
    caseNo: [
      { max: LIMITS.caseNo, message: t('cases.validation.caseNoFormat', { max: LIMITS.caseNo }) },
      { pattern: CASE_NO_PATTERN, message: t('cases.validation.caseNoFormat', { max: LIMITS.caseNo }) },
    ] satisfies FormRule[],
    category: [{ required: true, message: t('cases.validation.categoryRequired') }] satisfies FormRule[],
    title: [
      { required: true, whitespace: true, message: t('cases.validation.titleRequired') },
      { max: LIMITS.title, message: t('cases.validation.titleTooLong', { max: LIMITS.title }) },
    ] satisfies FormRule[],
    summary: [{ max: LIMITS.summary, message: t('cases.validation.summaryTooLong', { max: LIMITS.summary }) }] satisfies FormRule[],
    jurisdiction: [{ required: true, message: t('cases.validation.jurisdictionRequired') }] satisfies FormRule[],
    reportedAt: [{ required: true, message: t('cases.validation.reportedAtRequired') }, notInFuture] satisfies FormRule[],
    notInFuture: [notInFuture] satisfies FormRule[],
    requiredDate: [{ required: true, message: t('cases.validation.dateRequired') }, notInFuture] satisfies FormRule[],
    amount: [
      {
        validator: (_rule, value: string | number | null | undefined) =>
          value === null || value === undefined || value === '' || AMOUNT_PATTERN.test(String(value))
            ? Promise.resolve()
            : Promise.reject(new Error(t('cases.validation.amountInvalid'))),
      },
    ] satisfies FormRule[],
    campaignCodes: [
      {
        validator: (_rule, value: string[] | undefined) =>
          (value ?? []).every((code) => CAMPAIGN_CODE_PATTERN.test(code))
            ? Promise.resolve()
            : Promise.reject(new Error(t('cases.validation.campaignCodeFormat'))),
      },
    ] satisfies FormRule[],
    reason: [{ required: true, whitespace: true, message: t('cases.validation.reasonRequired') }, { max: LIMITS.reason }] satisfies FormRule[],
  };
}
