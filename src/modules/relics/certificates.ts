import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { possibleMatches } from './recall-search.ts';
import { PUBLIC_STATUSES, relicCertificates, relicObjects } from './schema.ts';
import { MATERIALS, OBJECT_TYPES, PERIODS } from './vocabulary.ts';

export interface CertificateRequest {
  /** What the object is called or looks like, in any language. */
  description: string;
  type?: string | undefined;
  material?: string | undefined;
  period?: string | undefined;
  inscriptions?: string | undefined;
  /** Dealer, auction house or buyer (optional; printed on the certificate). */
  requester?: string | undefined;
  lang: 'zh' | 'en';
}

export interface Certificate {
  code: string;
  lang: 'zh' | 'en';
  requester: string | null;
  description: string;
  query: Record<string, string>;
  matches: Array<{ publicationNo: string; titleZh: string; titleEn: string; status: string; score: number }>;
  registrySize: number;
  issuedAt: string;
  result: 'no_match' | 'possible_match';
}

// Crockford-style alphabet: no I, L, O, U to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function verificationCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return `DD-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const present = (row: typeof relicCertificates.$inferSelect): Certificate => ({
  code: row.code,
  lang: row.lang as 'zh' | 'en',
  requester: row.requester,
  description: row.description,
  query: row.query,
  matches: row.matches,
  registrySize: row.registrySize,
  issuedAt: row.issuedAt.toISOString(),
  result: row.matches.length ? 'possible_match' : 'no_match',
});

/**
 * Due diligence: searches the public registry for the described object (description and inscriptions,
 * built for recall: recall-search.ts) and issues a certificate stating what was searched, when,
 * over how many records, and what was found, under a verification code anyone can check.
 */
export async function issueCertificate(db: Db, actor: Actor, request: CertificateRequest): Promise<Certificate> {
  // Built for recall (recall-search.ts): any significant word of the description finds a candidate,
  // the type, material and period chosen only raise or lower its score, and every candidate that
  // plausibly fits is listed, so the certificate says "possible match — review".
  const described = [request.description, request.inscriptions].filter((s): s is string => Boolean(s?.trim())).join('\n');
  const candidates = await possibleMatches(db, described, { type: request.type, material: request.material, period: request.period });
  const found = new Map<string, Certificate['matches'][number]>(
    candidates.map((c) => [
      c.publicationNo,
      { publicationNo: c.publicationNo, titleZh: c.titleZh, titleEn: c.titleEn, status: c.status, score: c.score },
    ]),
  );
  const [size] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(relicObjects)
    .where(inArray(relicObjects.status, [...PUBLIC_STATUSES]));
  const query: Record<string, string> = { description: request.description.trim() };
  if (request.inscriptions) query.inscriptions = request.inscriptions.trim();
  if (request.type) query.type = request.type;
  if (request.material) query.material = request.material;
  if (request.period) query.period = request.period;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(relicCertificates)
      .values({
        code: verificationCode(),
        lang: request.lang,
        requester: request.requester?.trim() || null,
        description: request.description.trim(),
        query,
        matches: [...found.values()].slice(0, 20),
        registrySize: size!.n,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'relic.certificate.issue',
      entityType: 'relic_certificate',
      entityId: row!.id,
      after: { code: row!.code, matches: row!.matches.length },
    });
    return present(row!);
  });
}

export async function getCertificate(db: Db, code: string): Promise<Certificate> {
  const normalised = code.trim().toUpperCase();
  if (!/^DD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(normalised)) throw notFound('relics.certificate_not_found');
  const [row] = await db.select().from(relicCertificates).where(eq(relicCertificates.code, normalised)).limit(1);
  if (!row) throw notFound('relics.certificate_not_found');
  return present(row);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXT = {
  zh: {
    title: '被盗（丢失）文物尽职调查证明',
    code: '验证码',
    issued: '出具时间',
    requester: '申请人',
    searched: '检索内容',
    description: '物品描述',
    inscriptions: '铭文款识',
    type: '类别',
    material: '材质',
    period: '年代',
    registry: '检索范围',
    registryText: (n: number) => `联防被盗（丢失）文物信息平台公开登记的 ${n} 件物品`,
    result: '检索结果',
    none: '未在登记库中发现与上述描述相符的物品。',
    some: '可能匹配——请核查：发现可能相符的登记物品，请勿交易并联系公安机关：',
    verify: '核验本证明：在联防公开门户“证明核验”页输入验证码',
    note: '本证明仅说明出具时登记库的检索结果，不构成对物品来源合法性的保证。',
  },
  en: {
    title: 'Due-diligence certificate: stolen (lost) cultural objects',
    code: 'Verification code',
    issued: 'Issued',
    requester: 'Requested by',
    searched: 'What was searched',
    description: 'Description',
    inscriptions: 'Inscriptions',
    type: 'Type',
    material: 'Material',
    period: 'Period',
    registry: 'Searched',
    registryText: (n: number) => `the ${n} objects published in the Lianfang stolen-object registry`,
    result: 'Result',
    none: 'No object matching this description was found in the registry.',
    some: 'Possible match — review: registered objects that may be the one described were found; do not trade the object and contact the police:',
    verify: 'To verify this certificate, enter its code on the Lianfang public portal, page "Verify a certificate"',
    note: 'This certificate states the result of a registry search at the time of issue; it does not warrant the lawful provenance of the object.',
  },
} as const;

const vocab = (list: ReadonlyArray<{ code: string; zh: string; en: string }>, code: string, lang: 'zh' | 'en') =>
  list.find((x) => x.code === code)?.[lang] ?? code;

/** A self-contained HTML page (all input escaped), for the browser and for printing to PDF. */
export function certificateHtml(cert: Certificate, lang: 'zh' | 'en' = cert.lang): string {
  const t = TEXT[lang];
  const rows: Array<[string, string]> = [[t.description, cert.query.description ?? '']];
  if (cert.query.inscriptions) rows.push([t.inscriptions, cert.query.inscriptions]);
  if (cert.query.type) rows.push([t.type, vocab(OBJECT_TYPES, cert.query.type, lang)]);
  if (cert.query.material) rows.push([t.material, vocab(MATERIALS, cert.query.material, lang)]);
  if (cert.query.period) rows.push([t.period, vocab(PERIODS, cert.query.period, lang)]);
  const matches = cert.matches
    .map((m) => `<li>${escapeHtml(m.publicationNo)} — ${escapeHtml(lang === 'zh' ? m.titleZh || m.titleEn : m.titleEn || m.titleZh)}</li>`)
    .join('');
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(t.title)} ${escapeHtml(cert.code)}</title>
<style>body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#222}h1{font-size:1.4em;border-bottom:2px solid #8b1a1a;padding-bottom:.4em}
th{text-align:left;vertical-align:top;padding:.3em 1em .3em 0;white-space:nowrap}td{padding:.3em 0}.code{font-family:monospace;font-size:1.2em;letter-spacing:.05em}.result{padding:.8em;border:1px solid #ccc;margin:1em 0}.note{color:#666;font-size:.85em}</style></head>
<body><h1>${escapeHtml(t.title)}</h1><table>
<tr><th>${t.code}</th><td class="code">${escapeHtml(cert.code)}</td></tr>
<tr><th>${t.issued}</th><td>${escapeHtml(cert.issuedAt)}</td></tr>
${cert.requester ? `<tr><th>${t.requester}</th><td>${escapeHtml(cert.requester)}</td></tr>` : ''}
<tr><th>${t.registry}</th><td>${escapeHtml(t.registryText(cert.registrySize))}</td></tr></table>
<h2>${t.searched}</h2><table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>${t.result}</h2><div class="result" data-result="${cert.result}">${cert.result === 'possible_match' ? `${escapeHtml(t.some)}<ul>${matches}</ul>` : escapeHtml(t.none)}</div>
<p>${escapeHtml(t.verify)}: <span class="code">${escapeHtml(cert.code)}</span></p><p class="note">${escapeHtml(t.note)}</p></body></html>`;
}
