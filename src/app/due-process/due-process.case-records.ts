import { CredenceError } from '../../domain/errors.ts';
import { fnv64 } from '../../domain/hash.ts';
import { formatInstant } from '../../domain/time.ts';
import { refOf } from '../derive/derive.files.ts';
import type { RecordRow, SubjectRow, Tx } from '../ports/ports.store.ts';

/** What objections and repairs share: the record a case is about, and the case's id. */
export type FullTx = Tx;
export const day = (t: number) => formatInstant(t).slice(0, 10);

export interface RecordKey {
  readonly source: string;
  readonly id: string;
}

export async function recordOf(tx: FullTx, subject: SubjectRow, key: RecordKey): Promise<RecordRow> {
  const [r] = (await tx.recordsByKeys([{ source: key.source, record_id: key.id }])).filter(
    (x) => Number(x.subject_id) === Number(subject.id),
  );
  if (!r)
    throw new CredenceError(
      'record.not_found',
      `record ${key.source}/${key.id} is not in the file of ${refOf(subject)}`,
    );
  return r;
}

export function caseId(kind: string, subject: number, key: RecordKey, at: number): string {
  return `${kind === 'objection' ? 'OBJ' : 'REP'}-${fnv64(`${subject}|${key.source}|${key.id}|${at}`).slice(0, 12)}`;
}
