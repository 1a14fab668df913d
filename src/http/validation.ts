import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    allErrors: true, // report every bad field at once, not the first
    removeAdditional: false, // an unknown field is an error, never silently dropped
    useDefaults: true,
    coerceTypes,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * JSON bodies are checked strictly (a number where a string belongs is an error); query strings
 * and path parameters arrive as text, so those may be coerced to the declared type.
 */
export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
