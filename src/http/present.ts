/**
 * What leaves the server is JSON: dates become ISO strings here, once, so every response schema
 * can declare them as strings (the schemas then drop any field they do not declare).
 */
export function asJson<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

export type Jsonified<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Jsonified<U>>
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;
