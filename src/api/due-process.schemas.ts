import Type from 'typebox';
import { FileView, Instant, NullableInstant, SubjectRefParams } from './schemas.ts';

/** Schemas of the due-process API: objections, repairs, evidence, the reviewer's cases, notices, the export. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SubjectRef = Type.String({
  description: 'USCI of an organization, or P… reference of a person',
});

/** A content hash, the only form in which evidence enters the registry. */
export const ContentHash = Type.String({
  pattern: '^sha256:[0-9a-fA-F]{64}$',
  description: 'content hash of the document: sha256:<64 hex digits>',
  examples: [`sha256:${'9f'.repeat(32)}`],
});

export const RecordKey = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 64, description: 'the source that wrote the record' }),
    id: Type.String({ minLength: 1, maxLength: 128, description: "the source's own id of the record" }),
  },
  { additionalProperties: false },
);

export const ObjectionRequest = Type.Object(
  {
    record: RecordKey,
    statement: Type.String({ minLength: 1, maxLength: 5000, description: 'why the record is wrong' }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        record: { source: 'court', id: 'C-2026-0001' },
        statement: 'The judgment was performed before this record was made.',
      },
    ],
  },
);

export const EvidenceItem = Type.Object(
  {
    kind: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'the material, e.g. proof_of_performance (the record type says which are required)',
    }),
    ref: ContentHash,
  },
  { additionalProperties: false },
);

export const RepairRequest = Type.Object(
  {
    record: RecordKey,
    letter: Type.Object(
      {
        text: Type.String({ minLength: 1, maxLength: 20000, description: 'the commitment letter, in full' }),
        signed_by: Type.String({
          minLength: 1,
          maxLength: 200,
          description: 'the subject or its legal representative',
        }),
      },
      { additionalProperties: false },
    ),
    evidence: Type.Array(EvidenceItem, { maxItems: 50 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        record: { source: 'court', id: 'C-2026-0001' },
        letter: {
          text: 'We commit to perform the judgment in full and to keep our promises from now on.',
          signed_by: 'Zhang Wei, legal representative',
        },
        evidence: [{ kind: 'proof_of_performance', ref: `sha256:${'9f'.repeat(32)}` }],
      },
    ],
  },
);

export const EvidenceStored = Type.Object({
  ref: ContentHash,
  bytes: Type.Integer({ minimum: 0, description: 'size of the uploaded document; its bytes are not kept' }),
});

export const CaseView = Type.Object({
  id: Type.String({ description: 'OBJ-… (objection) or REP-… (repair application)' }),
  kind: Type.Union([Type.Literal('objection'), Type.Literal('repair')]),
  subject: SubjectRef,
  record: Type.Object({ source: Type.String(), id: Type.String() }),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('upheld'),
    Type.Literal('annulled'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
  ]),
  opened_at: Instant,
  deadline: Type.String({ description: 'ISO 8601 UTC instant by which a reviewer must decide' }),
  overdue: Type.Boolean({ description: 'still open after its deadline (the record then stops counting)' }),
  submission: Type.Record(Type.String(), Type.Unknown(), {
    description: "the subject's statement, or the commitment letter and evidence hashes",
  }),
  decided_at: NullableInstant,
  decided_by: Nullable(Type.String({ description: "the reviewer's token label and role" })),
  reasons: Nullable(Type.String()),
});

export const CaseList = Type.Object({ items: Type.Array(CaseView) });

export const CaseQueueQuery = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('objection'), Type.Literal('repair')])),
    status: Type.Optional(CaseView.properties.status),
    overdue: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], {
        description: 'true: only open cases past their deadline; false: all others',
      }),
    ),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 400, description: '`next` of the page before' }),
    ),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–500, default 50' })),
  },
  { additionalProperties: false },
);

export const CasePage = Type.Object({
  items: Type.Array(CaseView),
  next: Nullable(Type.String({ description: 'cursor of the next page; null on the last page' })),
});

export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const DecisionRequest = Type.Object(
  {
    outcome: Type.Union(
      [Type.Literal('uphold'), Type.Literal('annul'), Type.Literal('approve'), Type.Literal('reject')],
      { description: 'objection: uphold | annul; repair: approve | reject' },
    ),
    reasons: Type.String({
      minLength: 1,
      maxLength: 5000,
      description: 'the written reasons, sent to the subject',
    }),
  },
  {
    additionalProperties: false,
    examples: [{ outcome: 'annul', reasons: 'Proof of performance on file dated before the record.' }],
  },
);

export const NoticeView = Type.Object({
  id: Type.String(),
  recipient: Type.String({ description: '`subject`, or the consumer told of a correction' }),
  kind: Type.String({ description: 'e.g. record.adverse, list.entry, objection.decided, check.correction' }),
  created_at: Instant,
  title: Type.String(),
  reasons: Type.Array(Type.String()),
  legal_basis: Type.String(),
  options: Type.Array(
    Type.Object({
      action: Type.String(),
      until: Type.Optional(NullableInstant),
      from: Type.Optional(NullableInstant),
    }),
  ),
  refs: Type.Record(Type.String(), Type.Unknown()),
});

export const NoticeList = Type.Object({ items: Type.Array(NoticeView) });

const FileCase = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  record: Type.String({ description: 'SOURCE/ID' }),
  opened_at: NullableInstant,
  deadline: NullableInstant,
  status: Type.String(),
  submission: Type.Unknown(),
  decided_at: NullableInstant,
  decided_by: Nullable(Type.String()),
  reasons: Nullable(Type.String()),
});

/** The whole file, every subject in it named by its reference. */
export const ExportView = Type.Object({
  ...FileView.properties,
  subject: Type.Object({
    ref: SubjectRef,
    kind: Type.String(),
    name: Type.String(),
    usci: Nullable(Type.String()),
    parent: Nullable(SubjectRef),
    relations: Type.Array(Type.Object({ role: Type.String(), organization: SubjectRef, person: SubjectRef })),
  }),
  registry_facts: Type.Array(
    Type.Object({
      fact: Type.String(),
      subject: Nullable(SubjectRef),
      value: Type.Optional(Nullable(Type.String())),
      related: Type.Optional(Nullable(SubjectRef)),
      effective_at: NullableInstant,
      recorded_at: NullableInstant,
      by: Type.String(),
      source: Nullable(Type.String()),
    }),
  ),
  relations_history: Type.Array(
    Type.Object({
      role: Type.String(),
      organization: Nullable(SubjectRef),
      person: Type.Optional(Nullable(SubjectRef)),
      parent: Type.Optional(Nullable(SubjectRef)),
      from: NullableInstant,
      to: NullableInstant,
    }),
  ),
  notices: Type.Array(
    Type.Object({
      ...NoticeView.properties,
      reasons: Type.Optional(Type.Array(Type.String())),
      legal_basis: Type.Optional(Type.String()),
      options: Type.Optional(NoticeView.properties.options),
      refs: Type.Optional(NoticeView.properties.refs),
    }),
  ),
  objections: Type.Array(FileCase),
  repairs: Type.Array(FileCase),
  looked: Type.Array(Type.Object({ who: Type.String(), what: Type.String(), at: NullableInstant })),
  borne: Type.Optional(
    Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'for a person: the entries borne as legal representative or actual controller',
    }),
  ),
});

export { SubjectRefParams };
