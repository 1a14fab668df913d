import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';

/** Set while a transaction's callback (and everything it awaits) runs; `open` turns false when it ends. */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

/** Thrown instead of waiting forever: the message names the mistake and where it is made. */
export class QueryOutsideTransactionError extends Error {
  constructor(method: string) {
    super(
      `PGlite: ${method}() on the database while this code's own transaction is open would wait for that transaction forever; use the transaction handle (tx) inside db.transaction()`,
    );
    this.name = 'QueryOutsideTransactionError';
  }
}

/**
 * PGlite runs one thing at a time: a query outside a transaction waits until the open transaction ends.
 * Code inside a transaction that queries through the database instead of its transaction handle (or
 * starts a second transaction) therefore waits for itself: the request hangs, with nothing logged.
 * (On a PostgreSQL server the same mistake takes a second connection that does not see the
 * transaction's own writes, and can wait on its row locks.) After this, such a query fails at once
 * with an error that says so. Other requests' queries are not affected: they run in their own async
 * context and simply wait their turn, as before.
 */
export function guardNestedQueries(client: PGlite): void {
  const transaction = client.transaction.bind(client);
  const guarded =
    <A extends unknown[], R>(method: string, run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (openTransaction.getStore()?.open) return Promise.reject(new QueryOutsideTransactionError(method));
      return run(...args);
    };
  client.query = guarded('query', client.query.bind(client)) as PGlite['query'];
  client.exec = guarded('exec', client.exec.bind(client)) as PGlite['exec'];
  client.transaction = guarded('transaction', <T>(callback: Parameters<PGlite['transaction']>[0]) => {
    const marker = { open: true };
    return transaction((tx) => openTransaction.run(marker, () => callback(tx))).finally(() => {
      marker.open = false;
    }) as Promise<T>;
  }) as PGlite['transaction'];
}
