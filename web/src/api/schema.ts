// The server's JSON as the web client sees it, derived from schema.gen.ts (generated from the route schemas by
// `npm run api:types`): a shape the server sends or accepts is never typed twice. Name a type after what it is and
// derive it here or beside the calls that use it: ResponseOf<'/api/cases', 'get'>, BodyOf<…>, QueryOf<…>, ItemOf<…>.
import type { components, paths } from './schema.gen';

export type { components, paths } from './schema.gen';

/** Schemas the server names with an $id (shared by several routes). */
export type Schemas = components['schemas'];

export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends ApiPath, M extends ApiMethod> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessStatus = 200 | 201 | 202;

/** The JSON body of the route's success answer (200, 201 or 202). */
export type ResponseOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, SuccessStatus>]> : never;

/** The JSON body the route accepts. */
export type BodyOf<P extends ApiPath, M extends ApiMethod> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The route's query string parameters. */
export type QueryOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer's `items`. */
export type ItemOf<T> = T extends { items: readonly (infer I)[] } ? I : never;
