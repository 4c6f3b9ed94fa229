import Type from 'typebox';

/** Shared TypeBox schemas: the same objects validate requests, filter responses and generate the OpenAPI document. */

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
export const Instant = Type.String({ description: 'ISO 8601 UTC instant' });
export const NullableInstant = Nullable(Instant);

export const SubjectRefParams = Type.Object({
  ref: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'USCI, national identity number, or registry reference (P…)',
  }),
});
export const AtQuery = Type.Object(
  {
    at: Type.Optional(Type.String({ description: 'YYYY-MM-DD (00:00 UTC) or ISO 8601 date-time with zone' })),
  },
  { additionalProperties: false },
);

const RulebookRef = Type.Object({ name: Type.String(), version: Type.String(), hash: Type.String() });

const Grounds = Type.Union([
  Type.Object({ kind: Type.Literal('records'), records: Type.Array(Type.String()) }),
  Type.Object({
    kind: Type.Literal('condition'),
    condition: Type.String(),
    score: Type.Number(),
    grade: Type.String(),
  }),
  Type.Object({ kind: Type.Literal('escalation'), from: Type.String(), list: Type.String() }),
]);

export const ListView = Type.Object({
  list: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  decision: Type.String(),
  since: NullableInstant,
  until: NullableInstant,
  warned_at: NullableInstant,
  exit: Type.String(),
  earliest_repair: NullableInstant,
  legal_basis: Type.String(),
  grounds: Grounds,
  rulebook: RulebookRef,
});

export const ScoreView = Type.Object({
  subject: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  at: NullableInstant,
  score: Type.Number(),
  grade: Type.String(),
  base: Type.Number(),
  clamped: Nullable(Type.Object({ from: Type.Number(), to: Type.Number() })),
  lists: Type.Array(ListView),
  warnings: Type.Array(ListView),
  contributions: Type.Array(
    Type.Object({
      record: Type.String(),
      source: Type.String(),
      type: Type.String(),
      rule: Nullable(Type.String()),
      reason: Type.String(),
      points: Type.Number(),
      path: Type.String(),
      until: NullableInstant,
      version: Type.String(),
    }),
  ),
  next_change_at: NullableInstant,
  next_grade_change: Nullable(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      at: NullableInstant,
      score: Type.Number(),
      because: Type.Array(Type.String()),
    }),
  ),
  repairable: Type.Array(
    Type.Object({
      record: Type.String(),
      type: Type.String(),
      from: NullableInstant,
      requires: Type.Array(Type.String()),
    }),
  ),
  rulebook: RulebookRef,
});

export const CheckView = Type.Object({
  subject: Type.String(),
  measure: Type.String(),
  applies: Type.Boolean(),
  until: NullableInstant,
  decisions: Type.Array(Type.String()),
});

/** One check of a measure against the subject (DESIGN §5): who asked, when, about which date, and the answer. */
export const CheckItem = Type.Object({
  measure: Type.String(),
  asked_by: Type.String({ description: 'the token that asked, by its label and role' }),
  asked_at: NullableInstant,
  at: NullableInstant,
  applies: Type.Boolean(),
  until: NullableInstant,
  decisions: Type.Array(Type.String()),
});

export const FileView = Type.Object({
  exported_at: NullableInstant,
  subject: Type.Object({
    ref: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    usci: Nullable(Type.String()),
    parent: Nullable(Type.String({ description: 'USCI of the headquarters' })),
    relations: Type.Array(
      Type.Object({
        role: Type.String(),
        organization: Nullable(Type.String({ description: 'USCI' })),
        person: Nullable(Type.String({ description: 'registry reference P…' })),
      }),
    ),
  }),
  score: ScoreView,
  records: Type.Array(
    Type.Object({
      source: Type.String(),
      id: Type.String(),
      type: Type.String(),
      occurred_at: NullableInstant,
      recorded_at: NullableInstant,
      legal_basis: Type.String(),
      evidence: Type.Array(Type.String()),
      amount: Nullable(Type.Number()),
      on_behalf_of: Nullable(
        Type.String({ description: 'the USCI of the organization the record was on behalf of' }),
      ),
      culpability: Nullable(Type.String()),
      note: Nullable(Type.String()),
      content_hash: Type.String(),
      status_history: Type.Array(
        Type.Object({
          event: Type.String(),
          at: NullableInstant,
          by: Type.String(),
          reason: Type.String(),
          data: Type.Unknown(),
        }),
      ),
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      id: Type.String(),
      list: Type.String(),
      event: Type.String(),
      effective_at: NullableInstant,
      recorded_at: NullableInstant,
      entry: ListView,
    }),
  ),
  list_history: Type.Array(ListView),
  // Due-process parts of the file (being added to exportFile): passed through as they are until their shapes settle.
  notices: Type.Optional(Type.Array(Type.Unknown())),
  objections: Type.Optional(Type.Array(Type.Unknown())),
  repairs: Type.Optional(Type.Array(Type.Unknown())),
  // registry facts and relations over time (DESIGN §2), who looked, and what a person bears through a role
  registry_facts: Type.Optional(Type.Array(Type.Unknown())),
  relations_history: Type.Optional(Type.Array(Type.Unknown())),
  looked: Type.Optional(
    Type.Array(Type.Object({ who: Type.String(), what: Type.String(), at: NullableInstant })),
  ),
  borne: Type.Optional(Type.Array(Type.Unknown())),
  watched_by: Type.Optional(
    Type.Array(
      Type.Object({
        watch: Type.String(),
        watcher: Type.String({ description: 'the consumer’s label and role' }),
        purpose: Type.String(),
        measures: Type.Array(Type.String()),
        since: Instant,
        expires_at: Instant,
        ended_at: NullableInstant,
        standing: Type.Boolean(),
      }),
      {
        description:
          'who watches the subject, why, which measures, until when (each change it is told is a check)',
      },
    ),
  ),
  checks: Type.Array(CheckItem, {
    description:
      'the newest checks of the subject (up to 100), newest first; `checks_total` counts them all and `checks_next` reads the older ones',
  }),
  checks_total: Type.Integer({ minimum: 0, description: 'how many checks the file holds' }),
  checks_next: Nullable(
    Type.String({
      description:
        'cursor of the older checks: GET /v1/subjects/{ref}/checks?cursor=…; null when `checks` holds them all',
    }),
  ),
});

/** The outcome of one accepted line (a subject, a source or a record). */
export const Accepted = Type.Object({
  status: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]),
  what: Type.String(),
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const PersonLine = Type.Object(
  { kind: Type.Literal('person'), national_id: Text(18), name: Text(200) },
  { additionalProperties: false },
);
export const OrganizationLine = Type.Object(
  {
    kind: Type.Literal('organization'),
    usci: Text(18),
    name: Text(300),
    parent: Type.Optional(Nullable(Text(18))),
    legal_representative: Type.Optional(Nullable(Text(18))),
    actual_controller: Type.Optional(Nullable(Text(18))),
  },
  { additionalProperties: false },
);
export const SubjectLine = Type.Union([PersonLine, OrganizationLine]);

export const SourceLine = Type.Object(
  {
    id: Text(64),
    name: Text(200),
    domains: Type.Array(Text(64), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export const SourceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  domains: Type.Array(Type.String()),
  created_at: Instant,
});

export const RecordLine = Type.Object(
  {
    source: Text(64),
    id: Text(128),
    subject: Text(64),
    type: Text(128),
    occurred_at: Type.String({
      minLength: 10,
      maxLength: 40,
      description: 'YYYY-MM-DD or ISO 8601 date-time with zone; not in the future',
    }),
    legal_basis: Text(500),
    evidence: Type.Array(Text(300), { minItems: 1, maxItems: 100 }),
    amount: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    on_behalf_of: Type.Optional(Nullable(Text(18))),
    culpability: Type.Optional(
      Nullable(
        Type.Union([Type.Literal('knowledge'), Type.Literal('approval'), Type.Literal('acquiescence')]),
      ),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const LineOutcome = Type.Object({
  line: Type.Integer({ description: '1-based line number in the request body' }),
  ok: Type.Boolean(),
  status: Type.Optional(Type.String()),
  what: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
export const BatchResult = Type.Object({
  lines: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(LineOutcome),
});

export const OrganizationSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'name prefix or USCI' }),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'opaque cursor from next_cursor' }),
    ),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1 to 100, default 20' })),
  },
  { additionalProperties: false },
);
export const OrganizationPage = Type.Object({
  items: Type.Array(Type.Object({ usci: Type.String(), name: Type.String() })),
  next_cursor: Nullable(Type.String()),
});

export const RulebookVersion = Type.Object({
  name: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  effective_from: Instant,
  activated_at: Instant,
});
export const RulebookList = Type.Object({ items: Type.Array(RulebookVersion) });
export const RulebookCheck = Type.Object({
  valid: Type.Boolean(),
  name: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  hash: Type.Optional(Type.String()),
  issues: Type.Array(
    Type.Object({
      path: Type.String(),
      message: Type.String(),
      line: Type.Optional(Type.Integer()),
      code: Type.Optional(Type.String()),
    }),
  ),
  warnings: Type.Array(
    Type.Object({
      path: Type.String(),
      message: Type.String(),
      line: Type.Optional(Type.Integer()),
      code: Type.Optional(Type.String()),
    }),
  ),
});
export const RulebookActivated = Type.Object({
  name: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  effective_from: Instant,
  already_active: Type.Boolean(),
});

export const Roles = Type.Union([
  Type.Literal('admin'),
  Type.Literal('source'),
  Type.Literal('reviewer'),
  Type.Literal('consumer'),
  Type.Literal('subject'),
  Type.Literal('auditor'),
]);
export const TokenRequest = Type.Object(
  {
    role: Roles,
    source: Type.Optional(Text(64)),
    subject: Type.Optional(Text(64)),
    expires: Type.Optional(
      Type.String({
        pattern: '^P',
        maxLength: 32,
        description:
          'ISO 8601 duration from now, e.g. P90D; at most P2Y, which is also the default (400 token.expiry_too_long beyond it)',
      }),
    ),
    label: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const TokenView = Type.Object({
  id: Type.String(),
  role: Type.String(),
  source: Nullable(Type.String()),
  subject: Nullable(Type.String({ description: "a subject token's subject: USCI or P… reference" })),
  created_at: Instant,
  expires_at: NullableInstant,
  revoked_at: NullableInstant,
  label: Type.String(),
});
export const TokenCreated = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'shown once; only its SHA-256 is stored' }),
  role: Type.String(),
  expires_at: Instant,
});
export const TokenList = Type.Object({ items: Type.Array(TokenView) });
export const TokenIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
