// Pieces shared by the staff matching page and the public portal's search by photo: the upload box, the verdict
// tag, and a photo with the matched region drawn over it (coordinates are fractions of the image, 0–1).
import { InboxOutlined } from '@ant-design/icons';
import { Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Point, Verdict } from '../../api/matching';

const VERDICT_COLOURS: Record<Verdict, string> = { strong: 'red', possible: 'orange', none: 'default' };

export function VerdictTag({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return (
    <Tag color={VERDICT_COLOURS[verdict]} data-testid="match-verdict">
      {t(`matching.verdict.${verdict}`)}
    </Tag>
  );
}

/** A photo with an outline (e.g. the registry photo's frame found in the query) and matched keypoints drawn over it. */
export function MatchOverlay({
  src,
  alt,
  polygon,
  points,
  height = 220,
}: {
  src: string;
  alt: string;
  polygon?: Point[] | null;
  points?: Point[];
  height?: number;
}) {
  const outline = polygon && polygon.length >= 3 ? polygon : points && points.length >= 2 ? bounds(points) : null;
  return (
    <div style={{ position: 'relative', display: 'inline-block', lineHeight: 0, background: '#f5f5f5' }}>
      <img src={src} alt={alt} style={{ maxHeight: height, maxWidth: '100%', display: 'block' }} />
      <svg
        viewBox="0 0 1 1"
        preserveAspectRatio="none"
        style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
        aria-hidden
        data-testid="match-region"
      >
        {outline && (
          <polygon
            points={outline.map(([x, y]) => `${x},${y}`).join(' ')}
            fill="rgba(255,77,79,0.12)"
            stroke="#ff4d4f"
            strokeWidth={0.006}
            vectorEffect="non-scaling-stroke"
          />
        )}
        {(points ?? []).slice(0, 200).map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r={0.006} fill="#52c41a" />
        ))}
      </svg>
    </div>
  );
}

/** The smallest axis-aligned rectangle around the points. */
function bounds(points: Point[]): Point[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Pick one photo (nothing is sent until the caller does so). */
export function PhotoPicker({ onPick, disabled }: { onPick: (file: File) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      accept="image/jpeg,image/png,image/webp,image/gif,image/tiff,image/avif"
      multiple={false}
      showUploadList={false}
      disabled={disabled}
      beforeUpload={(file) => {
        onPick(file);
        return false;
      }}
      data-testid="photo-picker"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('matching.upload.drag')}</p>
      <p className="ant-upload-hint">{t('matching.upload.hint')}</p>
    </Upload.Dragger>
  );
}
