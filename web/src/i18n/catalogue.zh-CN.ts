// The whole Chinese catalogue (shared file + every module's), one chunk loaded only when Chinese is shown.

import { mergeCatalogues } from './mergeCatalogues';
import base from './zh-CN.json';

const modules = import.meta.glob<{ default: Record<string, unknown> }>('./modules/*.zh-CN.json', { eager: true });
export default mergeCatalogues(base, ...Object.values(modules).map((m) => m.default));
