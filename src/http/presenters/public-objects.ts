// What the public portal shows of the registry: a published object, a search result, a due-diligence certificate.
// Each public shape is a whitelist of fields; the module's public read (relics/public.ts) already leaves out what is
// internal, and this is the second gate: a field not named here never leaves the server.
import { Type } from 'typebox';
import { type Certificate, OBJECT_STATUSES, type PublicObject, type PublicObjectSummary } from '../../modules/relics/index.ts';
import { Nullable } from '../schemas.ts';
import { pickFields, whitelistSchema } from './whitelist.ts';

const S = Type.String();
const NS = Nullable(Type.String());

/**
 * A published object on the portal. Not here, on purpose: object ref, inventory number, owner, origin, circumstances,
 * investigating unit, case, agency, the detailed place of the theft, who drafted or approved it, internal ids.
 */
export const PUBLIC_OBJECT_FIELDS = [
  'publicationNo',
  'status',
  'objectType',
  'materials',
  'techniques',
  'measurements',
  'titleZh',
  'titleEn',
  'subjectZh',
  'subjectEn',
  'inscriptionsZh',
  'inscriptionsEn',
  'distinguishingFeaturesZh',
  'distinguishingFeaturesEn',
  'descriptionZh',
  'descriptionEn',
  'periodCode',
  'reign',
  'yearFrom',
  'yearTo',
  'dateText',
  'maker',
  'theftDate',
  'provinceCode',
  'placeNameZh',
  'placeNameEn',
  'publishedAt',
  'recovered',
  'isTestData',
  'photos',
] as const;
export const PUBLIC_PHOTO_FIELDS = ['sha256', 'view', 'width', 'height'] as const;

const PublicPhotoOut = whitelistSchema(PUBLIC_PHOTO_FIELDS, { sha256: S, view: S, width: Type.Integer(), height: Type.Integer() });
export const PublicObjectOut = whitelistSchema(PUBLIC_OBJECT_FIELDS, {
  publicationNo: S,
  status: Type.Enum(OBJECT_STATUSES),
  objectType: NS,
  materials: Type.Array(S),
  techniques: NS,
  measurements: Type.Array(Type.Object({ dimension: S, value: Type.Number(), unit: S })),
  titleZh: S,
  titleEn: S,
  subjectZh: S,
  subjectEn: S,
  inscriptionsZh: S,
  inscriptionsEn: S,
  distinguishingFeaturesZh: S,
  distinguishingFeaturesEn: S,
  descriptionZh: S,
  descriptionEn: S,
  periodCode: NS,
  reign: NS,
  yearFrom: Nullable(Type.Integer()),
  yearTo: Nullable(Type.Integer()),
  dateText: NS,
  maker: NS,
  theftDate: NS,
  provinceCode: NS,
  placeNameZh: S,
  placeNameEn: S,
  publishedAt: NS,
  recovered: Type.Boolean(),
  isTestData: Type.Boolean(),
  photos: Type.Array(PublicPhotoOut),
});

export function presentPublicObject(object: PublicObject) {
  return { ...pickFields(PUBLIC_OBJECT_FIELDS, object), photos: object.photos.map((p) => pickFields(PUBLIC_PHOTO_FIELDS, p)) };
}

/** One object in the portal's search results. */
export const PUBLIC_OBJECT_SUMMARY_FIELDS = [
  'publicationNo',
  'status',
  'titleZh',
  'titleEn',
  'objectType',
  'periodCode',
  'materials',
  'theftDate',
  'provinceCode',
  'recovered',
  'isTestData',
  'thumbnail',
  'score',
] as const;

const PublicObjectSummaryOut = whitelistSchema(PUBLIC_OBJECT_SUMMARY_FIELDS, {
  publicationNo: S,
  status: Type.Enum(OBJECT_STATUSES),
  titleZh: S,
  titleEn: S,
  objectType: NS,
  periodCode: NS,
  materials: Type.Array(S),
  theftDate: NS,
  provinceCode: NS,
  recovered: Type.Boolean(),
  isTestData: Type.Boolean(),
  thumbnail: NS,
  score: Type.Number(),
});

export const PublicSearchOut = Type.Object({
  items: Type.Array(PublicObjectSummaryOut),
  total: Type.Integer(),
  capped: Type.Boolean({ description: 'more matches than total: refine the query' }),
  fuzzy: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export function presentPublicSearch(
  result: { items: PublicObjectSummary[]; total: number; capped: boolean; fuzzy: boolean },
  page: { page: number; pageSize: number },
) {
  return {
    items: result.items.map((item) => pickFields(PUBLIC_OBJECT_SUMMARY_FIELDS, item)),
    total: result.total,
    capped: result.capped,
    fuzzy: result.fuzzy,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/**
 * A due-diligence certificate, as issued and as anyone holding its code may verify it. `requester` is the name the
 * requester chose to have printed on it (optional), part of the certificate's own text, not registry data.
 */
export const CERTIFICATE_FIELDS = ['code', 'lang', 'requester', 'description', 'query', 'matches', 'registrySize', 'issuedAt', 'result'] as const;
export const CERTIFICATE_MATCH_FIELDS = ['publicationNo', 'titleZh', 'titleEn', 'status', 'score'] as const;

export const CertificateOut = whitelistSchema(CERTIFICATE_FIELDS, {
  code: S,
  lang: Type.Enum(['zh', 'en'] as const),
  requester: NS,
  description: S,
  query: Type.Record(S, S),
  matches: Type.Array(whitelistSchema(CERTIFICATE_MATCH_FIELDS, { publicationNo: S, titleZh: S, titleEn: S, status: S, score: Type.Number() })),
  registrySize: Type.Integer(),
  issuedAt: S,
  result: Type.Enum(['no_match', 'possible_match'] as const),
});

export function presentCertificate(certificate: Certificate) {
  return { ...pickFields(CERTIFICATE_FIELDS, certificate), matches: certificate.matches.map((m) => pickFields(CERTIFICATE_MATCH_FIELDS, m)) };
}
