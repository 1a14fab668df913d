import type { MessageCatalogue } from '../../core/errors.ts';

/** Server messages of notifications: errors, and the title/body texts of each kind (rendered in the reader's language). */
export const notificationsMessages: MessageCatalogue = {
  'notifications.not_found': { zh: '通知不存在或不在您的辖区范围内', en: 'No such notification in your jurisdiction' },
  'notifications.screening_hit.title': { zh: '市场筛查命中已确认：{objectRef}', en: 'Market screening hit confirmed: {objectRef}' },
  'notifications.screening_hit.body': {
    zh: '登记文物 {objectRef}（{title}）出现在 {source} 的 {reference}，审核人已确认，线索已记入案件 {caseNo}。',
    en: 'Registry object {objectRef} ({title}) appeared at {source}, {reference}; a reviewer confirmed it and the lead is on case {caseNo}.',
  },
  'notifications.screening_hit.body_no_case': {
    zh: '登记文物 {objectRef}（{title}）出现在 {source} 的 {reference}，审核人已确认；该文物尚无关联案件，请立案或关联案件。',
    en: 'Registry object {objectRef} ({title}) appeared at {source}, {reference}; a reviewer confirmed it. The object has no linked case yet: open or link one.',
  },
  'notifications.relic_tip.title': { zh: '群众线索：{publicationNo}', en: 'Tip from the public: {publicationNo}' },
  'notifications.relic_tip.body': {
    zh: '有群众就登记文物 {publicationNo}（{title}）提供了线索，请在“群众线索”中核查。',
    en: 'A member of the public sent a tip about registry object {publicationNo} ({title}): review it under Tips.',
  },
};
