// The open state of a modal: what it is open for (a record, an action, or just `true`).
import { useState } from 'react';

export interface ModalTarget<T> {
  /** What the modal is open for; undefined while it is closed. */
  target: T | undefined;
  isOpen: boolean;
  open: (target: T) => void;
  close: () => void;
  /** For onDone: closes the modal, then runs `then` with the same arguments. */
  closeThen: <A extends unknown[]>(then: (...args: A) => void) => (...args: A) => void;
}

export function useModalTarget<T = true>(): ModalTarget<T> {
  const [target, setTarget] = useState<T>();
  const close = () => setTarget(undefined);
  return {
    target,
    isOpen: target !== undefined,
    open: setTarget,
    close,
    closeThen:
      (then) =>
      (...args) => {
        close();
        then(...args);
      },
  };
}
