import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import type { PhotoStore } from '../../modules/relics/index.ts';

/** POST /api/relics/imports: filled in by the import slice. */
export function relicImportRoutes(_r: FastifyInstance, _ctx: AppContext, _store: PhotoStore): void {}
