// Props shared by the case page's modals and tabs.
import type { CaseDetail } from '../../api/types';

/** A modal that changes the case and hands back the case as changed. */
export interface CaseModalProps {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
}

/** A tab that lists and changes one kind of record of the case. */
export interface CaseTabProps {
  caseId: string;
  /** Bumped after every change of the case: the tab reloads. */
  version: number;
  canWrite: boolean;
  onChanged: () => void;
}
