// Entry of a screening pool worker: the sources are TypeScript, run through tsx as bin/lianfang.js does.
import { register } from 'tsx/esm/api';

register();
await import('./query-worker.ts');
