import Type from 'typebox';

/** The structural shape of a rulebook document (DESIGN §4). Semantics are checked after this passes. */

const Str = Type.String({ minLength: 1 });
const Dur = Type.String({ minLength: 2 });
/** A text in one string (both languages) or per language. */
const Text = Type.Union([
  Str,
  Type.Object({ en: Str, zh: Type.Optional(Str) }, { additionalProperties: false }),
]);
const Strict = { additionalProperties: false } as const;

const Repair = Type.Object(
  {
    after: Dur,
    requires: Type.Optional(Type.Array(Str)),
    not_if_repeated_within: Type.Optional(Dur),
  },
  Strict,
);

const RecordType = Type.Object(
  {
    title: Type.Optional(Text),
    domain: Str,
    subjects: Type.Optional(Type.Array(Type.Enum(['organization', 'person']), { minItems: 1 })),
    severity: Type.Enum(['minor', 'general', 'serious']),
    points: Type.Integer(),
    counts_for: Type.Optional(Dur),
    retention: Type.Optional(Dur),
    public: Type.Optional(Type.Boolean()),
    suspend_while_disputed: Type.Optional(Type.Boolean()),
    repair: Type.Optional(Repair),
    publish: Type.Optional(Type.Object({ min: Type.Optional(Dur), max: Dur }, Strict)),
  },
  Strict,
);

const Rule = Type.Object({ id: Str, when: Str, points: Type.Integer(), reason: Type.Optional(Text) }, Strict);

const List = Type.Object(
  {
    kind: Type.Enum(['black', 'red', 'warning']),
    title: Type.Optional(Text),
    legal_basis: Type.Optional(Text),
    enter_on: Type.Optional(Type.Array(Str)),
    enter_when: Type.Optional(Str),
    notice: Type.Optional(Dur),
    min: Type.Optional(Dur),
    max: Type.Optional(Dur),
    hold: Type.Optional(Dur),
    public: Type.Optional(
      Type.Union([
        Type.Boolean(),
        Type.Object(
          { organization: Type.Optional(Type.Boolean()), person: Type.Optional(Type.Boolean()) },
          Strict,
        ),
      ]),
    ),
    escalate: Type.Optional(Type.Object({ to: Str, after: Dur, notice: Type.Optional(Dur) }, Strict)),
  },
  Strict,
);

const Bearer = Type.Enum(['person', 'organization', 'legal_representative', 'actual_controller']);

const Measure = Type.Object(
  {
    kind: Type.Enum(['sanction', 'reward']),
    title: Type.Optional(Text),
    applies_when: Str,
    applies_to: Type.Optional(Type.Array(Bearer, { minItems: 1 })),
    domains: Type.Optional(Type.Array(Str)),
    legal_basis: Type.Optional(Text),
    max: Type.Optional(Dur),
  },
  Strict,
);

const Memorandum = Type.Object(
  {
    id: Str,
    links: Type.Object(
      { from_domains: Type.Array(Str, { minItems: 1 }), to_measures: Type.Array(Str, { minItems: 1 }) },
      Strict,
    ),
    legal_basis: Str,
  },
  Strict,
);

export const RulebookDocument = Type.Object(
  {
    rulebook: Str,
    version: Type.Union([Str, Type.Number()]),
    effective_from: Str,
    objection_window: Type.Optional(Dur),
    review_deadline: Type.Optional(Dur),
    scale: Type.Object({ base: Type.Integer(), min: Type.Integer(), max: Type.Integer() }, Strict),
    grades: Type.Array(Type.Object({ grade: Str, min: Type.Integer() }, Strict), { minItems: 1 }),
    record_types: Type.Record(Type.String(), RecordType),
    rules: Type.Optional(Type.Array(Rule)),
    lists: Type.Optional(Type.Record(Type.String(), List)),
    measures: Type.Optional(Type.Record(Type.String(), Measure)),
    memoranda: Type.Optional(Type.Array(Memorandum)),
    propagation: Type.Optional(
      Type.Object(
        {
          branch_to_parent: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          on_behalf_of: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        },
        Strict,
      ),
    ),
  },
  Strict,
);
