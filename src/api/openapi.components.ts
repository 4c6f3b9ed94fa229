import Type from 'typebox';
import { Checkpoint } from './audit.routes.ts';
import { Changed } from './corrections.routes.ts';
import {
  CaseList,
  CasePage,
  CaseView,
  DecisionRequest,
  EvidenceStored,
  ExportView,
  NoticeList,
  NoticeView,
  ObjectionRequest,
  RepairRequest,
} from './due-process.schemas.ts';
import { Problem } from './errors.ts';
import {
  AuditHead,
  Published,
  ReplayView,
  VersionList,
  VersionText,
  WhatIfReport,
} from './governance.routes.ts';
import { named } from './openapi.ts';
import { KeysView, VerifyView } from './reports.routes.ts';
import {
  Accepted,
  BatchResult,
  CheckItem,
  CheckView,
  FileView,
  LineOutcome,
  ListView,
  OrganizationPage,
  RecordLine,
  RulebookActivated,
  RulebookCheck,
  RulebookList,
  RulebookVersion,
  ScoreView,
  SourceLine,
  SourceView,
  TokenCreated,
  TokenList,
  TokenRequest,
  TokenView,
} from './schemas.ts';
import { ScreeningAnswer, ScreeningRequest, ScreeningResult } from './screenings.routes.ts';
import { SubjectLine } from './subjects.routes.ts';

/**
 * The resources of the API by name (components.schemas), with the examples integrators see. A schema equal to
 * one of these anywhere in the document is a $ref to it. New resources: `named('Name', Schema, example)` beside
 * their routes, or a line here.
 */

const ORG = '91350100M000100Y43';
const AT = '2026-06-01T00:00:00.000Z';
const RULEBOOK = { name: 'default', version: '2026.1', hash: 'a3c1'.repeat(16) };

named('Problem', Problem, {
  type: 'urn:credence:problem:record.duplicate_conflict',
  title: 'Conflict',
  status: 409,
  detail: 'record tax-bureau/T-2026-0001 exists with different content',
  instance: '/v1/records',
  code: 'record.duplicate_conflict',
});

const listEntry = {
  list: 'serious_dishonesty',
  kind: 'blacklist',
  title: 'List of seriously dishonest entities',
  decision: 'D-000123',
  since: AT,
  until: '2029-06-01T00:00:00.000Z',
  warned_at: '2026-05-20T00:00:00.000Z',
  exit: 'repair or expiry',
  earliest_repair: '2027-06-01T00:00:00.000Z',
  legal_basis: 'Civil Procedure Law art. 262',
  grounds: { kind: 'records' as const, records: ['court/C-2026-0001'] },
  rulebook: RULEBOOK,
};
named('ListEntry', ListView, listEntry);

const contribution = {
  record: 'tax-bureau/T-2026-0001',
  source: 'tax-bureau',
  type: 'tax.late_payment',
  rule: 'late_payment',
  reason: 'Tax paid late',
  points: -30,
  path: 'record_types.tax.late_payment',
  until: '2027-03-01T00:00:00.000Z',
  version: '2026.1',
};
named('Contribution', ScoreView.properties.contributions.items, contribution);

named('Score', ScoreView, {
  subject: ORG,
  kind: 'organization',
  name: 'Fuzhou Example Co.',
  at: AT,
  score: 970,
  grade: 'A',
  base: 1000,
  clamped: null,
  lists: [],
  warnings: [],
  contributions: [contribution],
  next_change_at: '2027-03-01T00:00:00.000Z',
  next_grade_change: null,
  repairable: [],
  rulebook: RULEBOOK,
});

named('Check', CheckView, {
  subject: ORG,
  measure: 'procurement_ban',
  applies: false,
  until: null,
  decisions: [],
});
named('CheckRecord', CheckItem);
named('File', FileView);
named('Export', ExportView);
named('Decision', FileView.properties.decisions.items);

named('Subject', SubjectLine, {
  kind: 'organization',
  usci: ORG,
  name: 'Fuzhou Example Co.',
  legal_representative: '110101199003074512',
  effective_from: '2026-01-01',
});
named('Record', RecordLine, {
  source: 'tax-bureau',
  id: 'T-2026-0001',
  subject: ORG,
  type: 'tax.late_payment',
  occurred_at: '2026-03-01',
  legal_basis: 'Tax Collection Administration Law art. 32',
  evidence: [`sha256:${'9f'.repeat(32)}`],
  amount: 12000,
});
named('Accepted', Accepted, { status: 'created', what: `record tax-bureau/T-2026-0001 about ${ORG}` });
named('LineOutcome', LineOutcome);
named('BatchResult', BatchResult, {
  lines: 2,
  accepted: 1,
  rejected: 1,
  results: [
    { line: 1, ok: true, status: 'created', what: `record court/C-2026-0001 about ${ORG}` },
    {
      line: 2,
      ok: false,
      code: 'input.missing_field',
      field: 'legal_basis',
      message: 'legal_basis is required',
    },
  ],
});

named('Source', SourceLine, { id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'] });
named('SourceEntry', SourceView, {
  id: 'tax-bureau',
  name: 'Municipal Tax Bureau',
  domains: ['tax'],
  created_at: AT,
});
named('SourceList', Type.Object({ items: Type.Array(SourceView) }), {
  items: [{ id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'], created_at: AT }],
});
named('OrganizationPage', OrganizationPage, {
  items: [{ usci: ORG, name: 'Fuzhou Example Co.' }],
  next_cursor: null,
});

const version = { ...RULEBOOK, effective_from: '2026-01-01T00:00:00.000Z', activated_at: AT };
named('RulebookVersion', RulebookVersion, version);
named('RulebookList', RulebookList, { items: [version] });
named('RulebookCheck', RulebookCheck, { valid: true, ...RULEBOOK, issues: [], warnings: [] });
named('RulebookActivated', RulebookActivated, {
  ...RULEBOOK,
  effective_from: '2026-01-01T00:00:00.000Z',
  already_active: false,
});
named('RulebookVersions', VersionList);
named('RulebookText', VersionText);
named('RulebookPublished', Published);
named('WhatIfReport', WhatIfReport);
named('Replay', ReplayView);
named('AuditHead', AuditHead, { seq: 1042, hash: 'a3c1'.repeat(16), at: AT });
named('AuditCheckpoint', Checkpoint);
named('RecordChanged', Changed, { record: 'tax-bureau/T-2026-0001', status: 'annulled' });

named('TokenRequest', TokenRequest, { role: 'consumer', expires: 'P90D', label: 'procurement office' });
named('Token', TokenView);
named('TokenCreated', TokenCreated, {
  id: '6f1c2b9e-3d0a-4c55-9a57-0b1e2f3a4b5c',
  token: 'cr_3q2+7w0Jk9mXvA1bC4dE5fG6hI7jK8lM9nO0pQ1rS2t',
  role: 'consumer',
  expires_at: '2026-08-30T00:00:00.000Z',
});
named('TokenList', TokenList);

named('Objection', ObjectionRequest);
named('Repair', RepairRequest);
named('DecisionRequest', DecisionRequest);
named('EvidenceStored', EvidenceStored, { ref: `sha256:${'9f'.repeat(32)}`, bytes: 48213 });
const aCase = {
  id: 'OBJ-000017',
  kind: 'objection' as const,
  subject: ORG,
  record: { source: 'court', id: 'C-2026-0001' },
  status: 'annulled' as const,
  opened_at: AT,
  deadline: '2026-06-16T00:00:00.000Z',
  overdue: false,
  submission: { statement: 'The judgment was performed before this record was made.' },
  decided_at: '2026-06-05T00:00:00.000Z',
  decided_by: 'provincial reviewer (reviewer)',
  reasons: 'Proof of performance on file dated before the record.',
};
named('Case', CaseView, aCase);
named('CaseList', CaseList, { items: [aCase] });
named('CasePage', CasePage, { items: [aCase], next: null });
const notice = {
  id: 'N-000031',
  recipient: 'subject',
  kind: 'objection.decided',
  created_at: '2026-06-05T00:00:00.000Z',
  title: 'Your objection was upheld: the record is annulled',
  reasons: ['Proof of performance on file dated before the record.'],
  legal_basis: 'Civil Procedure Law art. 262',
  options: [],
  refs: { case: 'OBJ-000017', record: 'court/C-2026-0001' },
};
named('Notice', NoticeView, notice);
named('NoticeList', NoticeList, { items: [notice] });

named('ScreeningRequest', ScreeningRequest, {
  subjects: [ORG, { name: 'Fuzhou Example' }],
  measures: ['procurement_ban'],
});
named('ScreeningAnswer', ScreeningAnswer);
named('ScreeningResult', ScreeningResult);
named('SigningKeys', KeysView);
named('ReportVerification', VerifyView, {
  valid: true,
  issued_at: AT,
  registry: 'Credence demo registry',
  key: '3f2a9c0d81e4b5a6',
  sha256: 'a3c1'.repeat(16),
});
