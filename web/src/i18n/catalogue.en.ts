// The whole English catalogue (shared file + every module's), one chunk loaded only when English is shown.
import base from './en.json';
import { mergeCatalogues } from './mergeCatalogues';

const modules = import.meta.glob<{ default: Record<string, unknown> }>('./modules/*.en.json', { eager: true });
export default mergeCatalogues(base, ...Object.values(modules).map((m) => m.default));
