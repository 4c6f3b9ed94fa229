import Type from 'typebox';
import { Nullable } from './schemas.ts';

/** A record as the registry stored it: the same whether it was just created or submitted again unchanged. */
export const StoredRecord = Type.Object({
  source: Type.String(),
  id: Type.String(),
  subject: Type.String({ description: 'the USCI of an organization, the registry reference P… of a person' }),
  type: Type.String(),
  occurred_at: Type.String({ format: 'date-time' }),
  recorded_at: Type.String({ format: 'date-time' }),
  legal_basis: Type.String(),
  evidence: Type.Array(Type.String()),
  amount: Nullable(Type.Number()),
  on_behalf_of: Nullable(Type.String()),
  culpability: Nullable(Type.String()),
  note: Nullable(Type.String()),
  content_hash: Type.String(),
});

export const RecordAccepted = Type.Object({
  status: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]),
  what: Type.String(),
  record: StoredRecord,
});
