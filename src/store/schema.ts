import type { Generated } from 'kysely';
import type { CaseRow, NoticeRow, OutboxRow, SubscriberRow } from '../app/ports/ports.due-process.ts';
import type {
  AuditRow,
  CheckRow,
  DecisionRow,
  DerivedRow,
  RecordEventRow,
  RecordRow,
  RegistryFactRow,
  RelationRow,
  RulebookRow,
  SourceRow,
  SubjectRow,
  TokenRow,
} from '../app/ports/ports.store.ts';
import type { SearchEntry } from '../app/search/search.normalize.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Tables of the due-process workflows; all that grow with the population are keyed by subject first. */
export interface DueProcessTables {
  cases: Mutable<CaseRow>;
  notices: Mutable<NoticeRow>;
  subscribers: Mutable<SubscriberRow>;
  outbox: Mutable<OutboxRow>;
}

/** The typed schema shared by every engine. Tables that grow with the population are keyed by subject first. */
export interface Database extends DueProcessTables {
  meta: { key: string; value: string };
  rulebooks: Mutable<RulebookRow>;
  sources: Mutable<SourceRow>;
  subjects: Omit<Mutable<SubjectRow>, 'id'> & { id: Generated<number> };
  relations: Mutable<RelationRow>;
  registry_facts: Mutable<RegistryFactRow>;
  records: Mutable<RecordRow>;
  record_events: Mutable<RecordEventRow>;
  derived: Mutable<DerivedRow>;
  decisions: Mutable<DecisionRow>;
  checks: Mutable<CheckRow>;
  audit: Mutable<AuditRow>;
  tokens: TokenRow;
  org_search: Mutable<SearchEntry>;
}
