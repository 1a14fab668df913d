import type { MessageCatalogue } from '../../core/errors.ts';
import { MAX_INPUT_PIXELS, MIN_SIDE } from './decode.ts';

export const matchingMessages: MessageCatalogue = {
  'matching.not_an_image': {
    zh: '文件不是可识别的图片（支持 JPEG、PNG、WebP、GIF、TIFF、AVIF）',
    en: 'The file is not an image we can read (JPEG, PNG, WebP, GIF, TIFF, AVIF)',
  },
  'matching.image_truncated': { zh: '图片文件不完整（可能在传输中被截断）', en: 'The image file is incomplete (probably truncated in transfer)' },
  'matching.image_too_large': {
    zh: '图片像素过多（{width} × {height}），上限为 {limit} 像素',
    en: 'The image has too many pixels ({width} × {height}); the limit is {limit} pixels',
  },
  'matching.image_too_small': {
    zh: '图片太小（{width} × {height}），至少需要 {min} 像素宽高',
    en: 'The image is too small ({width} × {height}); it needs at least {min} pixels each way',
  },
  // A screening listing's error keeps only its code: these say the same without the image's own figures.
  'matching.image_too_large.listing': {
    zh: `图片像素过多，上限为 ${MAX_INPUT_PIXELS / 10_000} 万像素`,
    en: `The image has too many pixels; the limit is ${MAX_INPUT_PIXELS / 1_000_000} megapixels`,
  },
  'matching.image_too_small.listing': {
    zh: `图片太小，至少需要 ${MIN_SIDE} 像素宽高`,
    en: `The image is too small; it needs at least ${MIN_SIDE} pixels each way`,
  },
  'matching.image_empty': { zh: '图片文件为空', en: 'The image file is empty' },
  'matching.fingerprint_not_found': { zh: '该照片尚无特征指纹', en: 'This photo has no fingerprint yet' },
  'matching.invalid_sha256': { zh: 'sha256 应为 64 位十六进制字符', en: 'A sha256 is 64 hexadecimal characters' },
  'matching.sha256_mismatch': { zh: '照片内容与 sha256 不符', en: 'The photo bytes do not match the sha256' },
  'matching.photo_missing': { zh: '找不到照片文件', en: 'The photo file cannot be found' },
  'matching.no_registry_mapping': { zh: '未配置照片到登记文物的映射', en: 'No mapping from photos to registry objects is configured' },
  'matching.listings_empty': { zh: '清单文件为空', en: 'The listings file is empty' },
  'matching.listings_unreadable': { zh: '无法读取清单文件（应为 CSV 或 XLSX）', en: 'The listings file cannot be read (CSV or XLSX expected)' },
  'matching.listings_missing_columns': { zh: '清单缺少列：{columns}', en: 'The listings file lacks the columns: {columns}' },
  'matching.listing_field_required': { zh: '该列必填', en: 'is required' },
  'matching.image_missing': { zh: '请选择一张照片（字段 file）', en: 'Choose a photo (field `file`)' },
  'matching.image_file_too_large': { zh: '照片文件过大，上限为 {limit}', en: 'The photo file is too large; the limit is {limit}' },
  'matching.top_range': { zh: '候选数应为 1–50 的整数', en: 'The number of candidates is an integer from 1 to 50' },
  'matching.images_zip_empty': {
    zh: '图片压缩包内没有文件，无法比对该条目的照片',
    en: "The images zip holds no files, so this listing's photo cannot be matched",
  },
  'matching.images_not_found': { zh: '找不到图片文件夹或压缩包', en: 'The images folder or zip cannot be found' },
  'matching.listings_file_missing': {
    zh: '请上传清单文件（字段 listings，CSV 或 XLSX）',
    en: 'Upload the listings file (field `listings`, CSV or XLSX)',
  },
  'matching.upload_unexpected_field': { zh: '只接受 listings 与 images 两个文件', en: 'Only the files `listings` and `images` are accepted' },
  'matching.review_object_required': {
    zh: '多件您辖区内的登记文物使用同一照片，请指明该命中属于哪一件（objectId）',
    en: 'Several registry objects in your scope share this photo: say which one the hit is for (objectId)',
  },
  'matching.review_not_found': { zh: '待审核条目不存在或已处理', en: 'No such listing awaiting review' },
  'matching.listing_photo_not_found': { zh: '该条目没有可查看的照片', en: 'This listing has no photo you can see' },
  'matching.screening_not_found': { zh: '没有您发起的这一筛查批次', en: 'No such screening batch started by you' },
  'matching.screening_failed': {
    zh: '筛查中断（已记录）；重新上传同一文件或重启服务后将从未筛查的条目继续',
    en: 'The screening stopped (logged); uploading the same file again or restarting the server goes on with the listings not yet screened',
  },
};
