// A notification as its reader sees it: title and body rendered from their i18n keys in the reader's language.
import { Type } from 'typebox';
import type { Lang } from '../../core/errors.ts';
import type { NotificationItem } from '../../modules/notifications/index.ts';
import { translate } from '../messages.ts';
import { Nullable } from '../schemas.ts';

export const NotificationOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  recipientJurisdiction: Type.String(),
  titleKey: Type.String(),
  bodyKey: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  /** Title and body rendered in the request's language (Accept-Language). */
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export function presentNotification(n: NotificationItem, lang: Lang) {
  return { ...n, title: translate(n.titleKey, lang, n.params), body: translate(n.bodyKey, lang, n.params) };
}
