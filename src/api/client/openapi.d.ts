// Generated from GET /v1/openapi.json by `npm run openapi:client` (openapi-typescript); do not edit.
// size: generated, one type per operation and schema of the document
export type paths = {
  '/v1/audit/checkpoint': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed audit chain head (a checkpoint to keep outside the registry)
     * @description Verify a kept checkpoint later with `credence audit verify --against FILE`: the chain must still have an entry at position `size` with hash `head`. Roles: admin, auditor.
     */
    get: operations['getAuditCheckpoint'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/head': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The head of the tamper-evident audit chain, for outsiders to pin and compare later
     * @description Public: no token needed.
     */
    get: operations['getAuditHead'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The reviewer's queue: objections and repair applications, most urgent deadline first
     * @description Filters combine: kind, status, overdue (open past the deadline). Pages of `limit` cases (default 50, at most 500); pass `next` as `cursor` for the following page. Roles: admin, reviewer, auditor.
     */
    get: operations['listCases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One case: what the subject submitted, its deadline, and its decision once made
     * @description Roles: admin, reviewer, auditor.
     */
    get: operations['getCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decide a case with written reasons: uphold or annul an objection, approve or reject a repair
     * @description Annulment and approved repair end the list entries the record grounded, and consumers told that a measure applied while such an entry stood receive a correction. A case is decided once: a second decision is a 409. Roles: reviewer.
     */
    post: operations['decideCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The feed of changes of the caller’s watched answers, after a cursor
     * @description Durable and ordered: cursors only grow, and asking again from an old cursor gives the same items. Start with no `since` (or `0`) and keep the `next` of each page. Roles: consumer.
     */
    get: operations['listChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/decisions/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recompute a list decision (D-…) or a check (CHK-…) from its recorded inputs and say whether it matches
     * @description Roles: admin, reviewer, auditor.
     */
    get: operations['replayDecision'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The registry's public signing key: what signed reports and audit checkpoints verify against
     * @description Public: no token needed.
     */
    get: operations['listSigningKeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search organizations by any part of the name, pinyin or USCI
     * @description Ranked: exact USCI, name prefix, name infix (or a former name, or part of the USCI), pinyin, then near spellings. Legal forms (有限公司, Co., Ltd. …), case and character width are ignored. Persons are never found. Page with `cursor` = `next_cursor`. Public: no token needed.
     */
    get: operations['searchOrganizations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organizations/{usci}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An organization's public profile: grade, score in words, records, lists and measures in force
     * @description As of now or `?at=`. The explanation names each public record by its title and sums the non-public ones in one line; `measures` lists every sanction and reward in force with until when, its legal basis and the list decisions behind it. Rulebook texts in English or Chinese (`?lang=zh`). Persons have no public profile (404). Public: no token needed.
     */
    get: operations['getOrganizationProfile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organizations/{usci}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A signed credit report on an organization's public standing (PDF)
     * @description Grade, score and its public explanation, published records, public list entries, the measures in force and the rulebook, as of now or `?at=`, in English or Chinese (`?lang=zh`). Signed with the registry’s Ed25519 key (GET /v1/keys); verify with POST /v1/reports:verify or `credence report verify`. Public: no token needed.
     */
    get: operations['getCreditReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/records': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit one record
     * @description 201 when created; 200 when the same content was already submitted under this source and id, with the original record as stored; 409 (record.duplicate_conflict) when it exists with different content. A source token writes only its own records. Roles: source (own-source, source-domain).
     */
    post: operations['submitRecord'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/records:batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit records (and the persons and organizations they name) as NDJSON
     * @description Body: application/x-ndjson, at most 5 MB and 10000 lines. Each line is accepted whole or rejected with its reason; blank lines are skipped. A source not authorised for the `registry` domain changes no registry fact: a person or organization line only names the subject of a record that follows it (a new subject is registered with that record), and a person line answers the same whether or not the person was registered. Roles: source (own-source, source-domain, registry-domain).
     */
    post: operations['submitRecordBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/records/{source}/{id}/annul': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Annul a record: it stops counting as if it never had, and the list entries it grounded end
     * @description Roles: source (own-source), reviewer.
     */
    post: operations['annulRecord'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/records/{source}/{id}/correct': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Correct a record's type, date or amount, with reasons (the original stays in the ledger)
     * @description Roles: source (own-source), reviewer.
     */
    post: operations['correctRecord'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reports:verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Verify a signed credit report against this registry’s key
     * @description Body: the PDF exactly as issued (`Content-Type: application/pdf`). `valid` is false for any altered byte or a report signed by another key. Public: no token needed.
     */
    post: operations['verifyReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The activated rulebook versions
     * @description Public: no token needed.
     */
    get: operations['listRulebooks'];
    put?: never;
    /**
     * Activate a rulebook version
     * @description 201 when activated; 200 when this exact text is already active; 422 (rulebook.invalid) with every issue. Roles: admin.
     */
    post: operations['activateRulebook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks:check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check a rulebook without activating it: every issue at once
     * @description Roles: admin.
     */
    post: operations['checkRulebook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks:publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish a version for comment; it takes effect on its effective_from, never before the comment period ends
     * @description Roles: admin.
     */
    post: operations['publishRulebook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks:whatif': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The impact of a draft on the whole population, before anything is activated (changes nothing)
     * @description Roles: admin, auditor.
     */
    post: operations['whatIfRulebook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every rulebook version: drafts, those open for comment, those in force, with their diffs
     * @description Public: no token needed.
     */
    get: operations['listRulebookVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rulebooks/versions/{hash}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The full text of one rulebook version (readable by anyone, also during its comment period)
     * @description Public: no token needed.
     */
    get: operations['getRulebookVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/screenings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Screen up to 10,000 subjects against one or more measures
     * @description Subjects are USCIs, national identity numbers, or `{name}` to match an organization (persons are never matched by name). Every answer for a subject found is a recorded check that the subject sees in its file; names return their candidates with a score and the threshold used, and an ambiguous name checks no one. Roles: admin, consumer, auditor.
     */
    post: operations['screenSubjects'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The registered sources and the record domains each may write
     * @description Public: no token needed.
     */
    get: operations['listSources'];
    put?: never;
    /**
     * Register or update a source and its record domains
     * @description Roles: admin.
     */
    post: operations['registerSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Register a person or an organization, or record a dated change of its registry facts
     * @description Names, parents, legal representatives and actual controllers are registry facts: each change is appended with its effective date (`effective_from`, default now) and shown in both subjects' files. Only an admin or a source authorised for the `registry` domain records them; other sources register a subject only with a record about it (POST /v1/records:batch). Roles: admin, source (registry-source).
     */
    post: operations['registerSubject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/check/{measure}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Does a measure apply to a subject? The minimal answer; the subject sees who asked
     * @description Roles: admin, consumer, auditor.
     */
    get: operations['checkMeasure'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/checks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who checked a subject: its checks, newest first, a page at a time
     * @description Every check of a measure against the subject, with who asked and the answer (DESIGN §5). Pages of `limit` checks (default 100, at most 500); pass `next` as `cursor` for the older ones. The file (`/file`, `/export`) carries the newest 100, `checks_total` and `checks_next`, the cursor of this route's second page. Reading a person's checks is recorded and shown to the person under `looked`. Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['listSubjectChecks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hash an evidence document: answers its content hash and keeps only that hash
     * @description Send the document as the raw body (Content-Type: application/octet-stream, at most 5 MB). The bytes are hashed and dropped; the hash is recorded in the audit log and is what a repair application cites. Roles: subject (own-subject).
     */
    post: operations['hashEvidence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The subject’s whole file as JSON: records with their status history, decisions, notices, objections, repairs, checks, who looked
     * @description Every export is itself recorded and shown to the subject under `looked`. Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['exportFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The subject's whole file: records, decisions, list history, checks and score
     * @description A subject token reads only its own file. Roles: reviewer, subject (own-subject), auditor.
     */
    get: operations['getFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/notices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The notices in a subject’s file, newest first
     * @description A subject sees the notices addressed to it; staff also see the corrections sent to consumers who checked the subject. Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['listNotices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/objections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A subject's objections and their outcomes, oldest first
     * @description Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['listObjections'];
    put?: never;
    /**
     * Object to a record in your file
     * @description Within the objection window of the record (from its notice). While the objection is open the record is disputed; a reviewer upholds or annuls it with reasons by the deadline, and the outcome is a notice. Roles: subject (own-subject).
     */
    post: operations['fileObjection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/repairs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A subject's repair applications and their outcomes, oldest first
     * @description Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['listRepairs'];
    put?: never;
    /**
     * Apply for credit repair of a record, with a commitment letter and evidence by content hash
     * @description After the record type's repair.after, with every material its type requires. Evidence is referenced by its content hash (sha256:<64 hex>); POST /v1/subjects/{ref}/evidence computes one from a document without keeping it. Roles: subject (own-subject).
     */
    post: operations['applyForRepair'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{ref}/score': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A subject's explained score, now or at a date
     * @description A subject token reads only its own score. Roles: admin, reviewer, subject (own-subject), auditor.
     */
    get: operations['getScore'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every token issued (never the secret)
     * @description Roles: admin, auditor.
     */
    get: operations['listTokens'];
    put?: never;
    /**
     * Issue an API token (the token is in this response only)
     * @description Roles: admin.
     */
    post: operations['createToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a token
     * @description Roles: admin.
     */
    delete: operations['revokeToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/watches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The calling consumer’s own watches
     * @description Newest first, ended and expired ones included. Never another consumer’s. Roles: consumer.
     */
    get: operations['listWatches'];
    put?: never;
    /**
     * Watch subjects for changes of measures, for a stated purpose, at most a year
     * @description Each watched subject sees the watch in its file: who watches, why, which measures, until when. From now on every change of a watched answer (an entry takes effect or ends, a correction, a repair, an annulment) is told once: as a webhook notice to subscribers of this token (`recipients: token:<id>`) and as an item of GET /v1/changes; each is a recorded check the subject sees. An expiry beyond a year is refused (400). Roles: consumer.
     */
    post: operations['createWatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/watches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End one of the caller’s watches
     * @description Nothing is told after this; the feed keeps the changes already told. Another consumer’s watch is refused (403). Roles: consumer (own-watch).
     */
    delete: operations['endWatch'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    /**
     * @example {
     *       "status": "created",
     *       "what": "record tax-bureau/T-2026-0001 about 91350100M000100Y43"
     *     }
     */
    Accepted: {
      status: 'created' | 'updated' | 'unchanged';
      what: string;
    };
    AuditCheckpoint: {
      at: string;
      /** @description hash of the last entry */
      head: string;
      /** @description the registry’s Ed25519 public key, SPKI DER in base64 */
      public_key: string;
      registry: string;
      /** @description Ed25519 signature of the fields above, base64 */
      signature: string;
      /** @description entries in the chain */
      size: number;
    };
    /**
     * @example {
     *       "seq": 1042,
     *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
     *       "at": "2026-06-01T00:00:00.000Z"
     *     }
     */
    AuditHead: {
      at: string | null;
      hash: string;
      seq: number;
    };
    /**
     * @example {
     *       "lines": 2,
     *       "accepted": 1,
     *       "rejected": 1,
     *       "results": [
     *         {
     *           "line": 1,
     *           "ok": true,
     *           "status": "created",
     *           "what": "record court/C-2026-0001 about 91350100M000100Y43"
     *         },
     *         {
     *           "line": 2,
     *           "ok": false,
     *           "code": "input.missing_field",
     *           "field": "legal_basis",
     *           "message": "legal_basis is required"
     *         }
     *       ]
     *     }
     */
    BatchResult: {
      accepted: number;
      lines: number;
      rejected: number;
      results: components['schemas']['LineOutcome'][];
    };
    /**
     * @example {
     *       "id": "OBJ-000017",
     *       "kind": "objection",
     *       "subject": "91350100M000100Y43",
     *       "record": {
     *         "source": "court",
     *         "id": "C-2026-0001"
     *       },
     *       "status": "annulled",
     *       "opened_at": "2026-06-01T00:00:00.000Z",
     *       "deadline": "2026-06-16T00:00:00.000Z",
     *       "overdue": false,
     *       "submission": {
     *         "statement": "The judgment was performed before this record was made."
     *       },
     *       "decided_at": "2026-06-05T00:00:00.000Z",
     *       "decided_by": "provincial reviewer (reviewer)",
     *       "reasons": "Proof of performance on file dated before the record."
     *     }
     */
    Case: {
      /** @description ISO 8601 UTC instant by which a reviewer must decide */
      deadline: string;
      decided_at: string | null;
      decided_by: string | null;
      /** @description OBJ-… (objection) or REP-… (repair application) */
      id: string;
      kind: 'objection' | 'repair';
      /** @description ISO 8601 UTC instant */
      opened_at: string;
      /** @description still open after its deadline (the record then stops counting) */
      overdue: boolean;
      reasons: string | null;
      record: {
        id: string;
        source: string;
      };
      status: 'open' | 'upheld' | 'annulled' | 'approved' | 'rejected';
      /** @description USCI of an organization, or P… reference of a person */
      subject: string;
      /** @description the subject's statement, or the commitment letter and evidence hashes */
      submission: {
        [key: string]: unknown;
      };
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "OBJ-000017",
     *           "kind": "objection",
     *           "subject": "91350100M000100Y43",
     *           "record": {
     *             "source": "court",
     *             "id": "C-2026-0001"
     *           },
     *           "status": "annulled",
     *           "opened_at": "2026-06-01T00:00:00.000Z",
     *           "deadline": "2026-06-16T00:00:00.000Z",
     *           "overdue": false,
     *           "submission": {
     *             "statement": "The judgment was performed before this record was made."
     *           },
     *           "decided_at": "2026-06-05T00:00:00.000Z",
     *           "decided_by": "provincial reviewer (reviewer)",
     *           "reasons": "Proof of performance on file dated before the record."
     *         }
     *       ]
     *     }
     */
    CaseList: {
      items: components['schemas']['Case'][];
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "OBJ-000017",
     *           "kind": "objection",
     *           "subject": "91350100M000100Y43",
     *           "record": {
     *             "source": "court",
     *             "id": "C-2026-0001"
     *           },
     *           "status": "annulled",
     *           "opened_at": "2026-06-01T00:00:00.000Z",
     *           "deadline": "2026-06-16T00:00:00.000Z",
     *           "overdue": false,
     *           "submission": {
     *             "statement": "The judgment was performed before this record was made."
     *           },
     *           "decided_at": "2026-06-05T00:00:00.000Z",
     *           "decided_by": "provincial reviewer (reviewer)",
     *           "reasons": "Proof of performance on file dated before the record."
     *         }
     *       ],
     *       "next": null
     *     }
     */
    CasePage: {
      items: components['schemas']['Case'][];
      next: string | null;
    };
    /**
     * @example {
     *       "subject": "91350100M000100Y43",
     *       "measure": "procurement_ban",
     *       "applies": false,
     *       "until": null,
     *       "decisions": []
     *     }
     */
    Check: {
      applies: boolean;
      decisions: string[];
      measure: string;
      subject: string;
      until: string | null;
    };
    /**
     * @example {
     *       "subject": "91350100M000100Y43",
     *       "total": 2,
     *       "items": [
     *         {
     *           "measure": "procurement.exclusion",
     *           "asked_by": "Provincial procurement office (consumer)",
     *           "asked_at": "2026-10-02T08:15:00.000Z",
     *           "at": "2026-10-02T08:15:00.000Z",
     *           "applies": false,
     *           "until": null,
     *           "decisions": []
     *         }
     *       ],
     *       "next": "Y2hrOjI"
     *     }
     */
    CheckPage: {
      /** @description this page, newest first */
      items: components['schemas']['CheckRecord'][];
      /** @description cursor of the next (older) page; null on the last page */
      next: string | null;
      /** @description USCI of an organization, or P… reference of a person */
      subject: string;
      /** @description every check in the subject’s file */
      total: number;
    };
    CheckRecord: {
      applies: boolean;
      asked_at: string | null;
      /** @description the token that asked, by its label and role */
      asked_by: string;
      at: string | null;
      decisions: string[];
      measure: string;
      until: string | null;
    };
    /**
     * @example {
     *       "record": "tax-bureau/T-2026-0001",
     *       "source": "tax-bureau",
     *       "type": "tax.late_payment",
     *       "rule": "late_payment",
     *       "reason": "Tax paid late",
     *       "points": -30,
     *       "path": "record_types.tax.late_payment",
     *       "until": "2027-03-01T00:00:00.000Z",
     *       "version": "2026.1"
     *     }
     */
    Contribution: {
      path: string;
      points: number;
      reason: string;
      record: string;
      rule: string | null;
      source: string;
      type: string;
      until: string | null;
      version: string;
    };
    Decision: {
      effective_at: string | null;
      entry: components['schemas']['ListEntry'];
      event: string;
      id: string;
      list: string;
      recorded_at: string | null;
    };
    /**
     * @example {
     *       "outcome": "annul",
     *       "reasons": "Proof of performance on file dated before the record."
     *     }
     */
    DecisionRequest: {
      /** @description objection: uphold | annul; repair: approve | reject */
      outcome: 'uphold' | 'annul' | 'approve' | 'reject';
      /** @description the written reasons, sent to the subject */
      reasons: string;
    };
    /**
     * @example {
     *       "ref": "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f",
     *       "bytes": 48213
     *     }
     */
    EvidenceStored: {
      /** @description size of the uploaded document; its bytes are not kept */
      bytes: number;
      /**
       * @description content hash of the document: sha256:<64 hex digits>
       * @example sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f
       */
      ref: string;
    };
    Export: {
      /** @description for a person: the entries borne as legal representative or actual controller */
      borne?: {
        [key: string]: unknown;
      }[];
      /** @description the newest checks of the subject (up to 100), newest first; `checks_total` counts them all and `checks_next` reads the older ones */
      checks: components['schemas']['CheckRecord'][];
      checks_next: string | null;
      /** @description how many checks the file holds */
      checks_total: number;
      decisions: components['schemas']['Decision'][];
      exported_at: string | null;
      list_history: components['schemas']['ListEntry'][];
      looked: {
        at: string | null;
        what: string;
        who: string;
      }[];
      notices: {
        /** @description ISO 8601 UTC instant */
        created_at: string;
        id: string;
        /** @description e.g. record.adverse, list.entry, objection.decided, check.correction */
        kind: string;
        legal_basis?: string;
        options?: {
          action: string;
          from?: string | null;
          until?: string | null;
        }[];
        reasons?: string[];
        /** @description `subject`, or the consumer told of a correction */
        recipient: string;
        refs?: {
          [key: string]: unknown;
        };
        title: string;
      }[];
      objections: {
        deadline: string | null;
        decided_at: string | null;
        decided_by: string | null;
        id: string;
        kind: string;
        opened_at: string | null;
        reasons: string | null;
        /** @description SOURCE/ID */
        record: string;
        status: string;
        submission: unknown;
      }[];
      records: {
        amount: number | null;
        content_hash: string;
        culpability: string | null;
        evidence: string[];
        id: string;
        legal_basis: string;
        note: string | null;
        occurred_at: string | null;
        on_behalf_of: string | null;
        recorded_at: string | null;
        source: string;
        status_history: {
          at: string | null;
          by: string;
          data: unknown;
          event: string;
          reason: string;
        }[];
        type: string;
      }[];
      registry_facts: {
        by: string;
        effective_at: string | null;
        fact: string;
        recorded_at: string | null;
        related?: string | null;
        source: string | null;
        subject: string | null;
        value?: string | null;
      }[];
      relations_history: {
        from: string | null;
        organization: string | null;
        parent?: string | null;
        person?: string | null;
        role: string;
        to: string | null;
      }[];
      repairs: {
        deadline: string | null;
        decided_at: string | null;
        decided_by: string | null;
        id: string;
        kind: string;
        opened_at: string | null;
        reasons: string | null;
        /** @description SOURCE/ID */
        record: string;
        status: string;
        submission: unknown;
      }[];
      score: components['schemas']['Score'];
      subject: {
        kind: string;
        name: string;
        parent: string | null;
        /** @description USCI of an organization, or P… reference of a person */
        ref: string;
        relations: {
          /** @description USCI of an organization, or P… reference of a person */
          organization: string;
          /** @description USCI of an organization, or P… reference of a person */
          person: string;
          role: string;
        }[];
        usci: string | null;
      };
      /** @description who watches the subject, why, which measures, until when (each change it is told is a check) */
      watched_by?: {
        ended_at: string | null;
        /** @description ISO 8601 UTC instant */
        expires_at: string;
        measures: string[];
        purpose: string;
        /** @description ISO 8601 UTC instant */
        since: string;
        standing: boolean;
        watch: string;
        /** @description the consumer’s label and role */
        watcher: string;
      }[];
    };
    File: {
      borne?: unknown[];
      /** @description the newest checks of the subject (up to 100), newest first; `checks_total` counts them all and `checks_next` reads the older ones */
      checks: components['schemas']['CheckRecord'][];
      checks_next: string | null;
      /** @description how many checks the file holds */
      checks_total: number;
      decisions: components['schemas']['Decision'][];
      exported_at: string | null;
      list_history: components['schemas']['ListEntry'][];
      looked?: {
        at: string | null;
        what: string;
        who: string;
      }[];
      notices?: unknown[];
      objections?: unknown[];
      records: {
        amount: number | null;
        content_hash: string;
        culpability: string | null;
        evidence: string[];
        id: string;
        legal_basis: string;
        note: string | null;
        occurred_at: string | null;
        on_behalf_of: string | null;
        recorded_at: string | null;
        source: string;
        status_history: {
          at: string | null;
          by: string;
          data: unknown;
          event: string;
          reason: string;
        }[];
        type: string;
      }[];
      registry_facts?: unknown[];
      relations_history?: unknown[];
      repairs?: unknown[];
      score: components['schemas']['Score'];
      subject: {
        kind: string;
        name: string;
        parent: string | null;
        ref: string;
        relations: {
          organization: string | null;
          person: string | null;
          role: string;
        }[];
        usci: string | null;
      };
      /** @description who watches the subject, why, which measures, until when (each change it is told is a check) */
      watched_by?: {
        ended_at: string | null;
        /** @description ISO 8601 UTC instant */
        expires_at: string;
        measures: string[];
        purpose: string;
        /** @description ISO 8601 UTC instant */
        since: string;
        standing: boolean;
        watch: string;
        /** @description the consumer’s label and role */
        watcher: string;
      }[];
    };
    LineOutcome: {
      code?: string;
      field?: string;
      /** @description 1-based line number in the request body */
      line: number;
      message?: string;
      ok: boolean;
      status?: string;
      what?: string;
    };
    /**
     * @example {
     *       "list": "serious_dishonesty",
     *       "kind": "blacklist",
     *       "title": "List of seriously dishonest entities",
     *       "decision": "D-000123",
     *       "since": "2026-06-01T00:00:00.000Z",
     *       "until": "2029-06-01T00:00:00.000Z",
     *       "warned_at": "2026-05-20T00:00:00.000Z",
     *       "exit": "repair or expiry",
     *       "earliest_repair": "2027-06-01T00:00:00.000Z",
     *       "legal_basis": "Civil Procedure Law art. 262",
     *       "grounds": {
     *         "kind": "records",
     *         "records": [
     *           "court/C-2026-0001"
     *         ]
     *       },
     *       "rulebook": {
     *         "name": "default",
     *         "version": "2026.1",
     *         "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
     *       }
     *     }
     */
    ListEntry: {
      decision: string;
      earliest_repair: string | null;
      exit: string;
      grounds:
        | {
            /** @constant */
            kind: 'records';
            records: string[];
          }
        | {
            condition: string;
            grade: string;
            /** @constant */
            kind: 'condition';
            score: number;
          }
        | {
            from: string;
            /** @constant */
            kind: 'escalation';
            list: string;
          };
      kind: string;
      legal_basis: string;
      list: string;
      rulebook: {
        hash: string;
        name: string;
        version: string;
      };
      since: string | null;
      title: string;
      until: string | null;
      warned_at: string | null;
    };
    /**
     * @example {
     *       "id": "N-000031",
     *       "recipient": "subject",
     *       "kind": "objection.decided",
     *       "created_at": "2026-06-05T00:00:00.000Z",
     *       "title": "Your objection was upheld: the record is annulled",
     *       "reasons": [
     *         "Proof of performance on file dated before the record."
     *       ],
     *       "legal_basis": "Civil Procedure Law art. 262",
     *       "options": [],
     *       "refs": {
     *         "case": "OBJ-000017",
     *         "record": "court/C-2026-0001"
     *       }
     *     }
     */
    Notice: {
      /** @description ISO 8601 UTC instant */
      created_at: string;
      id: string;
      /** @description e.g. record.adverse, list.entry, objection.decided, check.correction */
      kind: string;
      legal_basis: string;
      options: {
        action: string;
        from?: string | null;
        until?: string | null;
      }[];
      reasons: string[];
      /** @description `subject`, or the consumer told of a correction */
      recipient: string;
      refs: {
        [key: string]: unknown;
      };
      title: string;
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "N-000031",
     *           "recipient": "subject",
     *           "kind": "objection.decided",
     *           "created_at": "2026-06-05T00:00:00.000Z",
     *           "title": "Your objection was upheld: the record is annulled",
     *           "reasons": [
     *             "Proof of performance on file dated before the record."
     *           ],
     *           "legal_basis": "Civil Procedure Law art. 262",
     *           "options": [],
     *           "refs": {
     *             "case": "OBJ-000017",
     *             "record": "court/C-2026-0001"
     *           }
     *         }
     *       ]
     *     }
     */
    NoticeList: {
      items: components['schemas']['Notice'][];
    };
    /**
     * @example {
     *       "record": {
     *         "source": "court",
     *         "id": "C-2026-0001"
     *       },
     *       "statement": "The judgment was performed before this record was made."
     *     }
     */
    Objection: {
      record: {
        /** @description the source's own id of the record */
        id: string;
        /** @description the source that wrote the record */
        source: string;
      };
      /** @description why the record is wrong */
      statement: string;
    };
    /**
     * @example {
     *       "usci": "91440300MA5F00017X",
     *       "name": "深圳市示例科技有限公司",
     *       "match": "name"
     *     }
     */
    OrganizationHit: {
      /** @description how it was found, best first in this order */
      match: 'usci' | 'name_prefix' | 'name' | 'former_name' | 'usci_part' | 'pinyin' | 'fuzzy';
      name: string;
      /** @description for a near spelling (fuzzy): 0 to 1 */
      similarity?: number;
      usci: string;
    };
    /**
     * @example {
     *       "usci": "91350100MA2Y00090K",
     *       "name": "福州实力食品有限公司",
     *       "at": "2026-12-11T00:00:00Z",
     *       "grade": "C",
     *       "score": 940,
     *       "base": 1000,
     *       "rulebook": {
     *         "name": "municipal-default",
     *         "version": "2026.1",
     *         "hash": "sha256:…"
     *       },
     *       "explanation": {
     *         "items": [
     *           {
     *             "record": "court/J-1",
     *             "title": "Able but refusing to perform a judgment",
     *             "points": -50,
     *             "until": "2028-10-01T00:00:00Z"
     *           }
     *         ],
     *         "non_public": {
     *           "count": 1,
     *           "points": -10
     *         }
     *       },
     *       "records": [],
     *       "lists": [],
     *       "measures": [
     *         {
     *           "measure": "procurement.exclusion",
     *           "kind": "sanction",
     *           "title": "No public contracts",
     *           "until": "2029-10-31T00:00:00Z",
     *           "legal_basis": "Government Procurement Law of the PRC, art. 22",
     *           "decisions": [
     *             {
     *               "id": "d-court_defaulters-…",
     *               "list": "court_defaulters",
     *               "since": "2026-10-31T00:00:00Z"
     *             }
     *           ],
     *           "because": null
     *         }
     *       ]
     *     }
     */
    OrganizationProfile: {
      /** Format: date-time */
      at: string;
      base: number;
      explanation: {
        items: {
          points: number;
          record: string;
          title: string;
          until: string | null;
        }[];
        non_public: {
          count: number;
          points: number;
        };
      };
      grade: string;
      lists: {
        decision: string;
        grounds: string;
        kind: string;
        legal_basis: string;
        list: string;
        since: string | null;
        title: string;
        until: string | null;
      }[];
      measures: {
        because: string | null;
        decisions: {
          id: string;
          list: string;
          since: string | null;
        }[];
        kind: 'sanction' | 'reward';
        legal_basis: string | null;
        measure: string;
        title: string;
        until: string | null;
      }[];
      name: string;
      records: {
        key: string;
        legal_basis: string;
        occurred_at: string;
        points: number;
        published_until: string;
        title: string;
        type: string;
      }[];
      rulebook: {
        hash: string;
        name: string;
        version: string;
      };
      score: number;
      usci: string;
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "usci": "91440300MA5F00017X",
     *           "name": "深圳市示例科技有限公司",
     *           "match": "name"
     *         }
     *       ],
     *       "next_cursor": null
     *     }
     */
    OrganizationSearchPage: {
      items: components['schemas']['OrganizationHit'][];
      next_cursor: string | null;
    };
    /** @description RFC 9457 problem details (application/problem+json) */
    Problem: {
      /** @description stable machine-readable code, e.g. record.duplicate_conflict */
      code: string;
      detail: string;
      /** @description the request path this problem occurred on, or urn:credence:request:<id> for an unreadable one */
      instance: string;
      issues?: {
        code?: string;
        line?: number;
        message: string;
        /** @description field or dotted path where the problem is */
        path: string;
      }[];
      status: number;
      title: string;
      type: string;
    };
    /**
     * @example {
     *       "source": "tax-bureau",
     *       "id": "T-2026-0001",
     *       "subject": "91350100M000100Y43",
     *       "type": "tax.late_payment",
     *       "occurred_at": "2026-03-01",
     *       "legal_basis": "Tax Collection Administration Law art. 32",
     *       "evidence": [
     *         "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"
     *       ],
     *       "amount": 12000
     *     }
     */
    Record: {
      amount?: number | null;
      culpability?: ('knowledge' | 'approval' | 'acquiescence') | null;
      evidence: string[];
      id: string;
      legal_basis: string;
      note?: string | null;
      /** @description YYYY-MM-DD or ISO 8601 date-time with zone; not in the future */
      occurred_at: string;
      on_behalf_of?: string | null;
      source: string;
      subject: string;
      type: string;
    };
    /**
     * @example {
     *       "record": "tax-bureau/T-2026-0001",
     *       "status": "annulled"
     *     }
     */
    RecordChanged: {
      record: string;
      status: string;
    };
    /**
     * @example {
     *       "record": {
     *         "source": "court",
     *         "id": "C-2026-0001"
     *       },
     *       "letter": {
     *         "text": "We commit to perform the judgment in full and to keep our promises from now on.",
     *         "signed_by": "Zhang Wei, legal representative"
     *       },
     *       "evidence": [
     *         {
     *           "kind": "proof_of_performance",
     *           "ref": "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"
     *         }
     *       ]
     *     }
     */
    Repair: {
      evidence: {
        /** @description the material, e.g. proof_of_performance (the record type says which are required) */
        kind: string;
        /**
         * @description content hash of the document: sha256:<64 hex digits>
         * @example sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f
         */
        ref: string;
      }[];
      letter: {
        /** @description the subject or its legal representative */
        signed_by: string;
        /** @description the commitment letter, in full */
        text: string;
      };
      record: {
        /** @description the source's own id of the record */
        id: string;
        /** @description the source that wrote the record */
        source: string;
      };
    };
    Replay: {
      detail: string;
      id: string;
      inputs: {
        /** @description ISO 8601 UTC instant */
        at: string;
        /** @description the input records by source/id, with their content hashes as stored now */
        record_ids: {
          content_hash: string;
          record: string;
        }[];
        records: number;
        rulebooks: string[];
      };
      kind: string;
      status: 'match' | 'mismatch' | 'inputs_purged';
    };
    /**
     * @example {
     *       "valid": true,
     *       "issued_at": "2026-06-01T00:00:00.000Z",
     *       "registry": "Credence demo registry",
     *       "key": "3f2a9c0d81e4b5a6",
     *       "sha256": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
     *     }
     */
    ReportVerification: {
      issued_at?: string;
      key?: string;
      reason?: string;
      registry?: string;
      sha256?: string;
      valid: boolean;
    };
    /**
     * @example {
     *       "name": "default",
     *       "version": "2026.1",
     *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
     *       "effective_from": "2026-01-01T00:00:00.000Z",
     *       "already_active": false
     *     }
     */
    RulebookActivated: {
      already_active: boolean;
      /** @description ISO 8601 UTC instant */
      effective_from: string;
      hash: string;
      name: string;
      version: string;
    };
    /**
     * @example {
     *       "valid": true,
     *       "name": "default",
     *       "version": "2026.1",
     *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
     *       "issues": [],
     *       "warnings": []
     *     }
     */
    RulebookCheck: {
      hash?: string;
      issues: {
        code?: string;
        line?: number;
        message: string;
        path: string;
      }[];
      name?: string;
      valid: boolean;
      version?: string;
      warnings: {
        code?: string;
        line?: number;
        message: string;
        path: string;
      }[];
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "name": "default",
     *           "version": "2026.1",
     *           "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
     *           "effective_from": "2026-01-01T00:00:00.000Z",
     *           "activated_at": "2026-06-01T00:00:00.000Z"
     *         }
     *       ]
     *     }
     */
    RulebookList: {
      items: components['schemas']['RulebookVersion'][];
    };
    RulebookPublished: {
      changes: {
        after?: unknown;
        before?: unknown;
        kind: string;
        path: string;
      }[];
      /** @description ISO 8601 UTC instant */
      comment_until: string;
      /** @description ISO 8601 UTC instant */
      effective_from: string;
      hash: string;
      name: string;
      version: string;
    };
    RulebookText: {
      changes: {
        after?: unknown;
        before?: unknown;
        kind: string;
        path: string;
      }[];
      hash: string;
      name: string;
      source: string;
      status: string;
      version: string;
    };
    /**
     * @example {
     *       "name": "default",
     *       "version": "2026.1",
     *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
     *       "effective_from": "2026-01-01T00:00:00.000Z",
     *       "activated_at": "2026-06-01T00:00:00.000Z"
     *     }
     */
    RulebookVersion: {
      /** @description ISO 8601 UTC instant */
      activated_at: string;
      /** @description ISO 8601 UTC instant */
      effective_from: string;
      hash: string;
      name: string;
      version: string;
    };
    RulebookVersions: {
      items: {
        changes: {
          after?: unknown;
          before?: unknown;
          kind: string;
          path: string;
        }[];
        comment_until: string | null;
        /** @description ISO 8601 UTC instant */
        effective_from: string;
        hash: string;
        in_comment: boolean;
        name: string;
        /** @description ISO 8601 UTC instant */
        published_at: string;
        published_by: string;
        status: string;
        version: string;
      }[];
    };
    /**
     * @example {
     *       "subject": "91350100M000100Y43",
     *       "kind": "organization",
     *       "name": "Fuzhou Example Co.",
     *       "at": "2026-06-01T00:00:00.000Z",
     *       "score": 970,
     *       "grade": "A",
     *       "base": 1000,
     *       "clamped": null,
     *       "lists": [],
     *       "warnings": [],
     *       "contributions": [
     *         {
     *           "record": "tax-bureau/T-2026-0001",
     *           "source": "tax-bureau",
     *           "type": "tax.late_payment",
     *           "rule": "late_payment",
     *           "reason": "Tax paid late",
     *           "points": -30,
     *           "path": "record_types.tax.late_payment",
     *           "until": "2027-03-01T00:00:00.000Z",
     *           "version": "2026.1"
     *         }
     *       ],
     *       "next_change_at": "2027-03-01T00:00:00.000Z",
     *       "next_grade_change": null,
     *       "repairable": [],
     *       "rulebook": {
     *         "name": "default",
     *         "version": "2026.1",
     *         "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
     *       }
     *     }
     */
    Score: {
      at: string | null;
      base: number;
      clamped: {
        from: number;
        to: number;
      } | null;
      contributions: components['schemas']['Contribution'][];
      grade: string;
      kind: string;
      lists: components['schemas']['ListEntry'][];
      name: string;
      next_change_at: string | null;
      next_grade_change: {
        at: string | null;
        because: string[];
        from: string;
        score: number;
        to: string;
      } | null;
      repairable: {
        from: string | null;
        record: string;
        requires: string[];
        type: string;
      }[];
      rulebook: {
        hash: string;
        name: string;
        version: string;
      };
      score: number;
      subject: string;
      warnings: components['schemas']['ListEntry'][];
    };
    ScreeningAnswer: {
      applies: boolean | null;
      candidates?: {
        name: string;
        ref: string;
        score: number;
      }[];
      check: string | null;
      decisions: string[];
      match: {
        name: string;
        ref: string;
      } | null;
      matched_by: ('usci' | 'national_id' | 'ref' | 'name') | null;
      measure: string;
      problem?: {
        code: string;
        message: string;
      };
      subject: string;
      threshold?: number;
      until: string | null;
    };
    /**
     * @example {
     *       "subjects": [
     *         "91350100M000100Y43",
     *         {
     *           "name": "Fuzhou Example"
     *         }
     *       ],
     *       "measures": [
     *         "procurement_ban"
     *       ]
     *     }
     */
    ScreeningRequest: {
      /** @description YYYY-MM-DD (00:00 UTC) or ISO 8601 date-time with zone */
      at?: string;
      measures: string[];
      subjects: (
        | string
        | {
            name: string;
          }
      )[];
    };
    ScreeningResult: {
      answers: components['schemas']['ScreeningAnswer'][];
      at: string;
      summary: {
        applies: number;
        checks: number;
        subjects: number;
        unresolved: number;
      };
      threshold: number;
    };
    SigningKeys: {
      keys: {
        /** @constant */
        alg: 'Ed25519';
        /** @description first 16 hex digits of the SHA-256 of the SPKI DER */
        kid: string;
        pem: string;
        registry: string;
        /** @description the public key, SPKI DER in base64 */
        spki: string;
        use: string;
      }[];
    };
    /**
     * @example {
     *       "id": "tax-bureau",
     *       "name": "Municipal Tax Bureau",
     *       "domains": [
     *         "tax"
     *       ]
     *     }
     */
    Source: {
      domains: string[];
      id: string;
      name: string;
    };
    /**
     * @example {
     *       "id": "tax-bureau",
     *       "name": "Municipal Tax Bureau",
     *       "domains": [
     *         "tax"
     *       ],
     *       "created_at": "2026-06-01T00:00:00.000Z"
     *     }
     */
    SourceEntry: {
      /** @description ISO 8601 UTC instant */
      created_at: string;
      domains: string[];
      id: string;
      name: string;
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "tax-bureau",
     *           "name": "Municipal Tax Bureau",
     *           "domains": [
     *             "tax"
     *           ],
     *           "created_at": "2026-06-01T00:00:00.000Z"
     *         }
     *       ]
     *     }
     */
    SourceList: {
      items: components['schemas']['SourceEntry'][];
    };
    /**
     * @example {
     *       "kind": "organization",
     *       "usci": "91350100M000100Y43",
     *       "name": "Fuzhou Example Co.",
     *       "legal_representative": "110101199003074512",
     *       "effective_from": "2026-01-01"
     *     }
     */
    Subject:
      | {
          /** @description when the facts of this line took effect (YYYY-MM-DD or an ISO 8601 instant, not in the future); default: now */
          effective_from?: string;
          /** @constant */
          kind: 'person';
          name: string;
          national_id: string;
        }
      | {
          actual_controller?: string | null;
          /** @description when the facts of this line took effect (YYYY-MM-DD or an ISO 8601 instant, not in the future); default: now */
          effective_from?: string;
          /** @constant */
          kind: 'organization';
          legal_representative?: string | null;
          name: string;
          parent?: string | null;
          usci: string;
        };
    Token: {
      /** @description ISO 8601 UTC instant */
      created_at: string;
      expires_at: string | null;
      id: string;
      label: string;
      revoked_at: string | null;
      role: string;
      source: string | null;
      subject: string | null;
    };
    /**
     * @example {
     *       "id": "6f1c2b9e-3d0a-4c55-9a57-0b1e2f3a4b5c",
     *       "token": "cr_3q2+7w0Jk9mXvA1bC4dE5fG6hI7jK8lM9nO0pQ1rS2t",
     *       "role": "consumer",
     *       "expires_at": "2026-08-30T00:00:00.000Z"
     *     }
     */
    TokenCreated: {
      /** @description ISO 8601 UTC instant */
      expires_at: string;
      id: string;
      role: string;
      /** @description shown once; only its SHA-256 is stored */
      token: string;
    };
    TokenList: {
      items: components['schemas']['Token'][];
    };
    /**
     * @example {
     *       "role": "consumer",
     *       "expires": "P90D",
     *       "label": "procurement office"
     *     }
     */
    TokenRequest: {
      /** @description ISO 8601 duration from now, e.g. P90D; at most P2Y, which is also the default (400 token.expiry_too_long beyond it) */
      expires?: string;
      label?: string;
      role: 'admin' | 'source' | 'reviewer' | 'consumer' | 'subject' | 'auditor';
      source?: string;
      subject?: string;
    };
    WhatIfReport: {
      /** @description ISO 8601 UTC instant */
      at: string;
      changed_grade: number;
      draft: {
        hash: string;
        name: string;
        version: string;
      };
      list_entries: {
        [key: string]: number;
      };
      list_exits: {
        [key: string]: number;
      };
      most_affected: {
        delta: number;
        from: number;
        subject: string;
        to: number;
      }[];
      subjects: number;
      transitions: {
        count: number;
        from: string;
        to: string;
      }[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  getAuditCheckpoint: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "registry": "registry",
           *       "size": 1,
           *       "head": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "at": "2026-06-01T00:00:00.000Z",
           *       "public_key": "public key",
           *       "signature": "signature"
           *     }
           */
          'application/json': components['schemas']['AuditCheckpoint'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/audit/checkpoint",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/audit/checkpoint",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/audit/checkpoint",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/audit/checkpoint",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/audit/checkpoint",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAuditHead: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "seq": 1042,
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "at": "2026-06-01T00:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['AuditHead'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/audit/head",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/audit/head",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/audit/head",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCases: {
    parameters: {
      query?: {
        /** @description `next` of the page before */
        cursor?: string;
        kind?: 'objection' | 'repair';
        /** @description 1–500, default 50 */
        limit?: string;
        /** @description true: only open cases past their deadline; false: all others */
        overdue?: 'true' | 'false';
        status?: 'open' | 'upheld' | 'annulled' | 'approved' | 'rejected';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "OBJ-000017",
           *           "kind": "objection",
           *           "subject": "91350100M000100Y43",
           *           "record": {
           *             "source": "court",
           *             "id": "C-2026-0001"
           *           },
           *           "status": "annulled",
           *           "opened_at": "2026-06-01T00:00:00.000Z",
           *           "deadline": "2026-06-16T00:00:00.000Z",
           *           "overdue": false,
           *           "submission": {
           *             "statement": "The judgment was performed before this record was made."
           *           },
           *           "decided_at": "2026-06-05T00:00:00.000Z",
           *           "decided_by": "provincial reviewer (reviewer)",
           *           "reasons": "Proof of performance on file dated before the record."
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['CasePage'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/cases",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/cases",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/cases",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/cases",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/cases",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "OBJ-000017",
           *       "kind": "objection",
           *       "subject": "91350100M000100Y43",
           *       "record": {
           *         "source": "court",
           *         "id": "C-2026-0001"
           *       },
           *       "status": "annulled",
           *       "opened_at": "2026-06-01T00:00:00.000Z",
           *       "deadline": "2026-06-16T00:00:00.000Z",
           *       "overdue": false,
           *       "submission": {
           *         "statement": "The judgment was performed before this record was made."
           *       },
           *       "decided_at": "2026-06-05T00:00:00.000Z",
           *       "decided_by": "provincial reviewer (reviewer)",
           *       "reasons": "Proof of performance on file dated before the record."
           *     }
           */
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/cases/{id}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/cases/{id}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/cases/{id}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/cases/{id}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/cases/{id}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/cases/{id}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideCase: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "outcome": "annul",
         *       "reasons": "Proof of performance on file dated before the record."
         *     }
         */
        'application/json': components['schemas']['DecisionRequest'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "OBJ-000017",
           *       "kind": "objection",
           *       "subject": "91350100M000100Y43",
           *       "record": {
           *         "source": "court",
           *         "id": "C-2026-0001"
           *       },
           *       "status": "annulled",
           *       "opened_at": "2026-06-01T00:00:00.000Z",
           *       "deadline": "2026-06-16T00:00:00.000Z",
           *       "overdue": false,
           *       "submission": {
           *         "statement": "The judgment was performed before this record was made."
           *       },
           *       "decided_at": "2026-06-05T00:00:00.000Z",
           *       "decided_by": "provincial reviewer (reviewer)",
           *       "reasons": "Proof of performance on file dated before the record."
           *     }
           */
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/cases/{id}/decision",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listChanges: {
    parameters: {
      query?: {
        limit?: number;
        /** @description a cursor from an earlier page */
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "cursor": "17",
           *           "watch": "W-6f1c0e1a-8d8f-4f55-9d55-2a1c7f3e9b10",
           *           "subject": "91350100M000100Y43",
           *           "name": "Fuzhou Example Co.",
           *           "measure": "procurement.exclusion",
           *           "at": "2026-03-12T00:00:00.000Z",
           *           "before": {
           *             "applies": false,
           *             "until": null,
           *             "decisions": []
           *           },
           *           "after": {
           *             "applies": true,
           *             "until": "2028-03-11T00:00:00.000Z",
           *             "decisions": [
           *               "D-1a2b3c"
           *             ]
           *           },
           *           "check": "CHK-1-4",
           *           "notice": "N-9f2e4d6c8b0a1e3f"
           *         }
           *       ],
           *       "next": "17",
           *       "more": false
           *     }
           */
          'application/json': {
            items: {
              after: {
                applies: boolean;
                decisions: string[];
                until: string | null;
              };
              /** @description ISO 8601 UTC instant */
              at: string;
              before: {
                applies: boolean;
                decisions: string[];
                until: string | null;
              };
              /** @description the recorded check this answer is, in the subject’s file */
              check: string;
              /** @description this item’s place in the feed */
              cursor: string;
              measure: string;
              name: string;
              /** @description the id of the webhook notice that carried it */
              notice: string;
              subject: string;
              watch: string;
            }[];
            /** @description the page was full: ask again at once */
            more: boolean;
            /** @description ask with since=next for what comes after (the same when nothing is new) */
            next: string;
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/changes",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/changes",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/changes",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/changes",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/changes",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replayDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "id",
           *       "kind": "kind",
           *       "status": "match",
           *       "detail": "detail",
           *       "inputs": {
           *         "rulebooks": [
           *           "rulebooks"
           *         ],
           *         "records": 1,
           *         "at": "2026-06-01T00:00:00.000Z",
           *         "record_ids": [
           *           {
           *             "record": "record",
           *             "content_hash": "content hash"
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['Replay'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/decisions/{id}/replay",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSigningKeys: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "keys": [
           *         {
           *           "kid": "kid",
           *           "alg": "Ed25519",
           *           "registry": "registry",
           *           "use": "use",
           *           "spki": "spki",
           *           "pem": "pem"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SigningKeys'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/keys",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/keys",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/keys",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  searchOrganizations: {
    parameters: {
      query: {
        /** @description next_cursor of the previous page, unchanged */
        cursor?: string;
        /** @description 1 to 100, default 20 */
        limit?: string;
        /**
         * @description any part of the name (legal forms, case and width ignored), a former name, pinyin (full or initials), or the whole or part (≥ 4 characters) of the USCI
         * @example 示例科技
         */
        q: string;
      };
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "usci": "91440300MA5F00017X",
           *           "name": "深圳市示例科技有限公司",
           *           "match": "name"
           *         }
           *       ],
           *       "next_cursor": null
           *     }
           */
          'application/json': components['schemas']['OrganizationSearchPage'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/organizations",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/organizations",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/organizations",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrganizationProfile: {
    parameters: {
      query?: {
        /**
         * @description YYYY-MM-DD or an ISO 8601 instant
         * @example 2026-12-01
         */
        at?: string;
        lang?: 'en' | 'zh';
      };
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path: {
        /** @example 91350100M000100Y43 */
        usci: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "usci": "91350100MA2Y00090K",
           *       "name": "福州实力食品有限公司",
           *       "at": "2026-12-11T00:00:00Z",
           *       "grade": "C",
           *       "score": 940,
           *       "base": 1000,
           *       "rulebook": {
           *         "name": "municipal-default",
           *         "version": "2026.1",
           *         "hash": "sha256:…"
           *       },
           *       "explanation": {
           *         "items": [
           *           {
           *             "record": "court/J-1",
           *             "title": "Able but refusing to perform a judgment",
           *             "points": -50,
           *             "until": "2028-10-01T00:00:00Z"
           *           }
           *         ],
           *         "non_public": {
           *           "count": 1,
           *           "points": -10
           *         }
           *       },
           *       "records": [],
           *       "lists": [],
           *       "measures": [
           *         {
           *           "measure": "procurement.exclusion",
           *           "kind": "sanction",
           *           "title": "No public contracts",
           *           "until": "2029-10-31T00:00:00Z",
           *           "legal_basis": "Government Procurement Law of the PRC, art. 22",
           *           "decisions": [
           *             {
           *               "id": "d-court_defaulters-…",
           *               "list": "court_defaulters",
           *               "since": "2026-10-31T00:00:00Z"
           *             }
           *           ],
           *           "because": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['OrganizationProfile'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/organizations/{usci}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/organizations/{usci}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/organizations/{usci}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/organizations/{usci}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCreditReport: {
    parameters: {
      query?: {
        at?: string;
        lang?: 'en' | 'zh';
      };
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path: {
        usci: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the signed credit report */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /** @example text */
          'application/pdf': string;
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/organizations/{usci}/report",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/organizations/{usci}/report",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/organizations/{usci}/report",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/organizations/{usci}/report",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitRecord: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "source": "tax-bureau",
         *       "id": "T-2026-0001",
         *       "subject": "91350100M000100Y43",
         *       "type": "tax.late_payment",
         *       "occurred_at": "2026-03-01",
         *       "legal_basis": "Tax Collection Administration Law art. 32",
         *       "evidence": [
         *         "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"
         *       ],
         *       "amount": 12000
         *     }
         */
        'application/json': components['schemas']['Record'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "what",
           *       "record": {
           *         "source": "source",
           *         "id": "id",
           *         "subject": "91350100M000100Y43",
           *         "type": "type",
           *         "occurred_at": "2026-06-01T00:00:00.000Z",
           *         "recorded_at": "2026-06-01T00:00:00.000Z",
           *         "legal_basis": "legal basis",
           *         "evidence": [
           *           "evidence"
           *         ],
           *         "amount": 0,
           *         "on_behalf_of": "on behalf of",
           *         "culpability": "culpability",
           *         "note": "note",
           *         "content_hash": "content hash"
           *       }
           *     }
           */
          'application/json': {
            record: {
              amount: number | null;
              content_hash: string;
              culpability: string | null;
              evidence: string[];
              id: string;
              legal_basis: string;
              note: string | null;
              /** Format: date-time */
              occurred_at: string;
              on_behalf_of: string | null;
              /** Format: date-time */
              recorded_at: string;
              source: string;
              /** @description the USCI of an organization, the registry reference P… of a person */
              subject: string;
              type: string;
            };
            status: 'created' | 'updated' | 'unchanged';
            what: string;
          };
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "what",
           *       "record": {
           *         "source": "source",
           *         "id": "id",
           *         "subject": "91350100M000100Y43",
           *         "type": "type",
           *         "occurred_at": "2026-06-01T00:00:00.000Z",
           *         "recorded_at": "2026-06-01T00:00:00.000Z",
           *         "legal_basis": "legal basis",
           *         "evidence": [
           *           "evidence"
           *         ],
           *         "amount": 0,
           *         "on_behalf_of": "on behalf of",
           *         "culpability": "culpability",
           *         "note": "note",
           *         "content_hash": "content hash"
           *       }
           *     }
           */
          'application/json': {
            record: {
              amount: number | null;
              content_hash: string;
              culpability: string | null;
              evidence: string[];
              id: string;
              legal_basis: string;
              note: string | null;
              /** Format: date-time */
              occurred_at: string;
              on_behalf_of: string | null;
              /** Format: date-time */
              recorded_at: string;
              source: string;
              /** @description the USCI of an organization, the registry reference P… of a person */
              subject: string;
              type: string;
            };
            status: 'created' | 'updated' | 'unchanged';
            what: string;
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/records",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/records",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/records",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/records",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/records",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/records",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/records",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/records",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/records",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitRecordBatch: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description NDJSON: one record (or person/organization) per line */
    requestBody: {
      content: {
        /** @example text */
        'application/x-ndjson': string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "lines": 2,
           *       "accepted": 1,
           *       "rejected": 1,
           *       "results": [
           *         {
           *           "line": 1,
           *           "ok": true,
           *           "status": "created",
           *           "what": "record court/C-2026-0001 about 91350100M000100Y43"
           *         },
           *         {
           *           "line": 2,
           *           "ok": false,
           *           "code": "input.missing_field",
           *           "field": "legal_basis",
           *           "message": "legal_basis is required"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['BatchResult'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/records:{batch}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/records:{batch}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/records:{batch}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/records:{batch}",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/records:{batch}",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/records:{batch}",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/records:{batch}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/records:{batch}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  annulRecord: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        source: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "reasons": "reasons"
         *     }
         */
        'application/json': {
          reasons: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "record": "tax-bureau/T-2026-0001",
           *       "status": "annulled"
           *     }
           */
          'application/json': components['schemas']['RecordChanged'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/records/{source}/{id}/annul",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  correctRecord: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
        source: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "reasons": "reasons",
         *       "type": "type",
         *       "occurred_at": "2026-06-01T00:00:00.000Z",
         *       "amount": 0
         *     }
         */
        'application/json': {
          amount?: number | null;
          occurred_at?: string;
          reasons: string;
          type?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "record": "tax-bureau/T-2026-0001",
           *       "status": "annulled"
           *     }
           */
          'application/json': components['schemas']['RecordChanged'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/records/{source}/{id}/correct",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyReport: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "valid": true,
           *       "issued_at": "2026-06-01T00:00:00.000Z",
           *       "registry": "Credence demo registry",
           *       "key": "3f2a9c0d81e4b5a6",
           *       "sha256": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *     }
           */
          'application/json': components['schemas']['ReportVerification'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/reports:{verify}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/reports:{verify}",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/reports:{verify}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/reports:{verify}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRulebooks: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "name": "default",
           *           "version": "2026.1",
           *           "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *           "effective_from": "2026-01-01T00:00:00.000Z",
           *           "activated_at": "2026-06-01T00:00:00.000Z"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RulebookList'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  activateRulebook: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description the rulebook as YAML */
    requestBody: {
      content: {
        /** @example text */
        'application/x-yaml': string;
        /** @example text */
        'application/yaml': string;
        /** @example text */
        'text/plain': string;
        /** @example text */
        'text/yaml': string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "default",
           *       "version": "2026.1",
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "effective_from": "2026-01-01T00:00:00.000Z",
           *       "already_active": false
           *     }
           */
          'application/json': components['schemas']['RulebookActivated'];
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "default",
           *       "version": "2026.1",
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "effective_from": "2026-01-01T00:00:00.000Z",
           *       "already_active": false
           *     }
           */
          'application/json': components['schemas']['RulebookActivated'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/rulebooks",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/rulebooks",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/rulebooks",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/rulebooks",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/rulebooks",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/rulebooks",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkRulebook: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description the rulebook as YAML */
    requestBody: {
      content: {
        /** @example text */
        'application/x-yaml': string;
        /** @example text */
        'application/yaml': string;
        /** @example text */
        'text/plain': string;
        /** @example text */
        'text/yaml': string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "valid": true,
           *       "name": "default",
           *       "version": "2026.1",
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "issues": [],
           *       "warnings": []
           *     }
           */
          'application/json': components['schemas']['RulebookCheck'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks:{check}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishRulebook: {
    parameters: {
      query?: {
        /** @description ISO 8601 duration, default P30D */
        comment_period?: string;
      };
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description the rulebook as YAML */
    requestBody: {
      content: {
        /** @example text */
        'application/x-yaml': string;
        /** @example text */
        'application/yaml': string;
        /** @example text */
        'text/plain': string;
        /** @example text */
        'text/yaml': string;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "name",
           *       "version": "version",
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "effective_from": "2026-06-01T00:00:00.000Z",
           *       "comment_until": "2026-06-01T00:00:00.000Z",
           *       "changes": [
           *         {
           *           "path": "path",
           *           "kind": "kind",
           *           "before": {},
           *           "after": {}
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RulebookPublished'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:service.busy",
           *       "title": "Service unavailable",
           *       "status": 503,
           *       "detail": "the server is already running 2 heavy requests with 4 waiting; retry in a few seconds",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "service.busy"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks:{publish}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  whatIfRulebook: {
    parameters: {
      query?: {
        at?: string;
      };
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description the draft rulebook as YAML */
    requestBody: {
      content: {
        /** @example text */
        'application/x-yaml': string;
        /** @example text */
        'application/yaml': string;
        /** @example text */
        'text/plain': string;
        /** @example text */
        'text/yaml': string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "draft": {
           *         "name": "name",
           *         "version": "version",
           *         "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *       },
           *       "at": "2026-06-01T00:00:00.000Z",
           *       "subjects": 1,
           *       "changed_grade": 1,
           *       "transitions": [
           *         {
           *           "from": "2026-06-01T00:00:00.000Z",
           *           "to": "2026-06-01T00:00:00.000Z",
           *           "count": 1
           *         }
           *       ],
           *       "list_entries": {},
           *       "list_exits": {},
           *       "most_affected": [
           *         {
           *           "subject": "91350100M000100Y43",
           *           "from": 1,
           *           "to": 1,
           *           "delta": 1
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['WhatIfReport'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:service.busy",
           *       "title": "Service unavailable",
           *       "status": 503,
           *       "detail": "the server is already running 2 heavy requests with 4 waiting; retry in a few seconds",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "service.busy"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks:{whatif}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRulebookVersions: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "name": "name",
           *           "version": "version",
           *           "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *           "status": "status",
           *           "effective_from": "2026-06-01T00:00:00.000Z",
           *           "comment_until": "2026-06-01T00:00:00.000Z",
           *           "in_comment": false,
           *           "published_at": "2026-06-01T00:00:00.000Z",
           *           "published_by": "published by",
           *           "changes": [
           *             {
           *               "path": "path",
           *               "kind": "kind",
           *               "before": {},
           *               "after": {}
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RulebookVersions'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks/versions",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks/versions",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks/versions",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRulebookVersion: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "name",
           *       "version": "version",
           *       "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1",
           *       "status": "status",
           *       "source": "source",
           *       "changes": [
           *         {
           *           "path": "path",
           *           "kind": "kind",
           *           "before": {},
           *           "after": {}
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RulebookText'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/rulebooks/versions/{hash}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/rulebooks/versions/{hash}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/rulebooks/versions/{hash}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/rulebooks/versions/{hash}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  screenSubjects: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "subjects": [
         *         "91350100M000100Y43",
         *         {
         *           "name": "Fuzhou Example"
         *         }
         *       ],
         *       "measures": [
         *         "procurement_ban"
         *       ]
         *     }
         */
        'application/json': components['schemas']['ScreeningRequest'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "at": "2026-06-01T00:00:00.000Z",
           *       "threshold": 0,
           *       "answers": [
           *         {
           *           "subject": "91350100M000100Y43",
           *           "matched_by": "usci",
           *           "match": {
           *             "ref": "91350100M000100Y43",
           *             "name": "name"
           *           },
           *           "measure": "measure",
           *           "applies": false,
           *           "until": "2026-06-01T00:00:00.000Z",
           *           "decisions": [
           *             "decisions"
           *           ],
           *           "check": "check",
           *           "candidates": [
           *             {
           *               "ref": "91350100M000100Y43",
           *               "name": "name",
           *               "score": 0
           *             }
           *           ],
           *           "threshold": 0,
           *           "problem": {
           *             "code": "code",
           *             "message": "message"
           *           }
           *         }
           *       ],
           *       "summary": {
           *         "subjects": 1,
           *         "checks": 1,
           *         "applies": 1,
           *         "unresolved": 1
           *       }
           *     }
           */
          'application/json': components['schemas']['ScreeningResult'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/screenings",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/screenings",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/screenings",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/screenings",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/screenings",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/screenings",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/screenings",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/screenings",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSources: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer you hold: 304 with no body while it is still current.
         * @example "Yq3d6J3b0mQe8r2GgkQdA1xT0pz"
         */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          /** @description validator of this answer, for If-None-Match */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "tax-bureau",
           *           "name": "Municipal Tax Bureau",
           *           "domains": [
           *             "tax"
           *           ],
           *           "created_at": "2026-06-01T00:00:00.000Z"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SourceList'];
        };
      };
      /** @description Not modified: the answer still has the ETag named in If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/sources",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/sources",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/sources",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerSource: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "id": "tax-bureau",
         *       "name": "Municipal Tax Bureau",
         *       "domains": [
         *         "tax"
         *       ]
         *     }
         */
        'application/json': components['schemas']['Source'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "record tax-bureau/T-2026-0001 about 91350100M000100Y43"
           *     }
           */
          'application/json': components['schemas']['Accepted'];
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "record tax-bureau/T-2026-0001 about 91350100M000100Y43"
           *     }
           */
          'application/json': components['schemas']['Accepted'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/sources",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/sources",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/sources",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/sources",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/sources",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/sources",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/sources",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/sources",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerSubject: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "kind": "organization",
         *       "usci": "91350100M000100Y43",
         *       "name": "Fuzhou Example Co.",
         *       "legal_representative": "110101199003074512",
         *       "effective_from": "2026-01-01"
         *     }
         */
        'application/json': components['schemas']['Subject'];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "record tax-bureau/T-2026-0001 about 91350100M000100Y43"
           *     }
           */
          'application/json': components['schemas']['Accepted'];
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "created",
           *       "what": "record tax-bureau/T-2026-0001 about 91350100M000100Y43"
           *     }
           */
          'application/json': components['schemas']['Accepted'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/subjects",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/subjects",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/subjects",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkMeasure: {
    parameters: {
      query?: {
        /** @description YYYY-MM-DD (00:00 UTC) or ISO 8601 date-time with zone */
        at?: string;
      };
      header?: never;
      path: {
        measure: string;
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "subject": "91350100M000100Y43",
           *       "measure": "procurement_ban",
           *       "applies": false,
           *       "until": null,
           *       "decisions": []
           *     }
           */
          'application/json': components['schemas']['Check'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:service.busy",
           *       "title": "Service unavailable",
           *       "status": 503,
           *       "detail": "the server is already running 2 heavy requests with 4 waiting; retry in a few seconds",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "service.busy"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/check/{measure}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSubjectChecks: {
    parameters: {
      query?: {
        /** @description `next` of the page before (or the file’s `checks_next`); none: the newest checks */
        cursor?: string;
        /** @description checks per page, 1–500, default 100 */
        limit?: string;
      };
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "subject": "91350100M000100Y43",
           *       "total": 2,
           *       "items": [
           *         {
           *           "measure": "procurement.exclusion",
           *           "asked_by": "Provincial procurement office (consumer)",
           *           "asked_at": "2026-10-02T08:15:00.000Z",
           *           "at": "2026-10-02T08:15:00.000Z",
           *           "applies": false,
           *           "until": null,
           *           "decisions": []
           *         }
           *       ],
           *       "next": "Y2hrOjI"
           *     }
           */
          'application/json': components['schemas']['CheckPage'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/checks",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  hashEvidence: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "ref": "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f",
           *       "bytes": 48213
           *     }
           */
          'application/json': components['schemas']['EvidenceStored'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/evidence",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "exported_at": "2026-06-01T00:00:00.000Z",
           *       "subject": {
           *         "ref": "91350100M000100Y43",
           *         "kind": "kind",
           *         "name": "name",
           *         "usci": "91350100M000100Y43",
           *         "parent": "91350100M000100Y43",
           *         "relations": [
           *           {
           *             "role": "role",
           *             "organization": "organization",
           *             "person": "person"
           *           }
           *         ]
           *       },
           *       "score": {
           *         "subject": "91350100M000100Y43",
           *         "kind": "organization",
           *         "name": "Fuzhou Example Co.",
           *         "at": "2026-06-01T00:00:00.000Z",
           *         "score": 970,
           *         "grade": "A",
           *         "base": 1000,
           *         "clamped": null,
           *         "lists": [],
           *         "warnings": [],
           *         "contributions": [
           *           {
           *             "record": "tax-bureau/T-2026-0001",
           *             "source": "tax-bureau",
           *             "type": "tax.late_payment",
           *             "rule": "late_payment",
           *             "reason": "Tax paid late",
           *             "points": -30,
           *             "path": "record_types.tax.late_payment",
           *             "until": "2027-03-01T00:00:00.000Z",
           *             "version": "2026.1"
           *           }
           *         ],
           *         "next_change_at": "2027-03-01T00:00:00.000Z",
           *         "next_grade_change": null,
           *         "repairable": [],
           *         "rulebook": {
           *           "name": "default",
           *           "version": "2026.1",
           *           "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *         }
           *       },
           *       "records": [
           *         {
           *           "source": "source",
           *           "id": "id",
           *           "type": "type",
           *           "occurred_at": "2026-06-01T00:00:00.000Z",
           *           "recorded_at": "2026-06-01T00:00:00.000Z",
           *           "legal_basis": "legal basis",
           *           "evidence": [
           *             "evidence"
           *           ],
           *           "amount": 0,
           *           "on_behalf_of": "on behalf of",
           *           "culpability": "culpability",
           *           "note": "note",
           *           "content_hash": "content hash",
           *           "status_history": [
           *             {
           *               "event": "event",
           *               "at": "2026-06-01T00:00:00.000Z",
           *               "by": "by",
           *               "reason": "reason",
           *               "data": {}
           *             }
           *           ]
           *         }
           *       ],
           *       "decisions": [
           *         {
           *           "id": "id",
           *           "list": "list",
           *           "event": "event",
           *           "effective_at": "2026-06-01T00:00:00.000Z",
           *           "recorded_at": "2026-06-01T00:00:00.000Z",
           *           "entry": {
           *             "list": "serious_dishonesty",
           *             "kind": "blacklist",
           *             "title": "List of seriously dishonest entities",
           *             "decision": "D-000123",
           *             "since": "2026-06-01T00:00:00.000Z",
           *             "until": "2029-06-01T00:00:00.000Z",
           *             "warned_at": "2026-05-20T00:00:00.000Z",
           *             "exit": "repair or expiry",
           *             "earliest_repair": "2027-06-01T00:00:00.000Z",
           *             "legal_basis": "Civil Procedure Law art. 262",
           *             "grounds": {
           *               "kind": "records",
           *               "records": [
           *                 "court/C-2026-0001"
           *               ]
           *             },
           *             "rulebook": {
           *               "name": "default",
           *               "version": "2026.1",
           *               "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *             }
           *           }
           *         }
           *       ],
           *       "list_history": [
           *         {
           *           "list": "serious_dishonesty",
           *           "kind": "blacklist",
           *           "title": "List of seriously dishonest entities",
           *           "decision": "D-000123",
           *           "since": "2026-06-01T00:00:00.000Z",
           *           "until": "2029-06-01T00:00:00.000Z",
           *           "warned_at": "2026-05-20T00:00:00.000Z",
           *           "exit": "repair or expiry",
           *           "earliest_repair": "2027-06-01T00:00:00.000Z",
           *           "legal_basis": "Civil Procedure Law art. 262",
           *           "grounds": {
           *             "kind": "records",
           *             "records": [
           *               "court/C-2026-0001"
           *             ]
           *           },
           *           "rulebook": {
           *             "name": "default",
           *             "version": "2026.1",
           *             "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *           }
           *         }
           *       ],
           *       "notices": [
           *         {
           *           "id": "id",
           *           "recipient": "recipient",
           *           "kind": "kind",
           *           "created_at": "2026-06-01T00:00:00.000Z",
           *           "title": "title",
           *           "reasons": [
           *             "reasons"
           *           ],
           *           "legal_basis": "legal basis",
           *           "options": [
           *             {
           *               "action": "action",
           *               "until": "2026-06-01T00:00:00.000Z",
           *               "from": "2026-06-01T00:00:00.000Z"
           *             }
           *           ],
           *           "refs": {}
           *         }
           *       ],
           *       "objections": [
           *         {
           *           "id": "id",
           *           "kind": "kind",
           *           "record": "record",
           *           "opened_at": "2026-06-01T00:00:00.000Z",
           *           "deadline": "2026-06-01T00:00:00.000Z",
           *           "status": "status",
           *           "submission": {},
           *           "decided_at": "2026-06-01T00:00:00.000Z",
           *           "decided_by": "decided by",
           *           "reasons": "reasons"
           *         }
           *       ],
           *       "repairs": [
           *         {
           *           "id": "id",
           *           "kind": "kind",
           *           "record": "record",
           *           "opened_at": "2026-06-01T00:00:00.000Z",
           *           "deadline": "2026-06-01T00:00:00.000Z",
           *           "status": "status",
           *           "submission": {},
           *           "decided_at": "2026-06-01T00:00:00.000Z",
           *           "decided_by": "decided by",
           *           "reasons": "reasons"
           *         }
           *       ],
           *       "registry_facts": [
           *         {
           *           "fact": "fact",
           *           "subject": "91350100M000100Y43",
           *           "value": "value",
           *           "related": "related",
           *           "effective_at": "2026-06-01T00:00:00.000Z",
           *           "recorded_at": "2026-06-01T00:00:00.000Z",
           *           "by": "by",
           *           "source": "source"
           *         }
           *       ],
           *       "relations_history": [
           *         {
           *           "role": "role",
           *           "organization": "organization",
           *           "person": "person",
           *           "parent": "91350100M000100Y43",
           *           "from": "2026-06-01T00:00:00.000Z",
           *           "to": "2026-06-01T00:00:00.000Z"
           *         }
           *       ],
           *       "looked": [
           *         {
           *           "who": "who",
           *           "what": "what",
           *           "at": "2026-06-01T00:00:00.000Z"
           *         }
           *       ],
           *       "borne": [
           *         {}
           *       ],
           *       "watched_by": [
           *         {
           *           "watch": "watch",
           *           "watcher": "watcher",
           *           "purpose": "purpose",
           *           "measures": [
           *             "measures"
           *           ],
           *           "since": "2026-06-01T00:00:00.000Z",
           *           "expires_at": "2026-06-01T00:00:00.000Z",
           *           "ended_at": "2026-06-01T00:00:00.000Z",
           *           "standing": false
           *         }
           *       ],
           *       "checks": [
           *         {
           *           "measure": "measure",
           *           "asked_by": "asked by",
           *           "asked_at": "2026-06-01T00:00:00.000Z",
           *           "at": "2026-06-01T00:00:00.000Z",
           *           "applies": false,
           *           "until": "2026-06-01T00:00:00.000Z",
           *           "decisions": [
           *             "decisions"
           *           ]
           *         }
           *       ],
           *       "checks_total": 1,
           *       "checks_next": "checks next"
           *     }
           */
          'application/json': components['schemas']['Export'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/export",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "exported_at": "2026-06-01T00:00:00.000Z",
           *       "subject": {
           *         "ref": "91350100M000100Y43",
           *         "kind": "kind",
           *         "name": "name",
           *         "usci": "91350100M000100Y43",
           *         "parent": "91350100M000100Y43",
           *         "relations": [
           *           {
           *             "role": "role",
           *             "organization": "organization",
           *             "person": "person"
           *           }
           *         ]
           *       },
           *       "score": {
           *         "subject": "91350100M000100Y43",
           *         "kind": "organization",
           *         "name": "Fuzhou Example Co.",
           *         "at": "2026-06-01T00:00:00.000Z",
           *         "score": 970,
           *         "grade": "A",
           *         "base": 1000,
           *         "clamped": null,
           *         "lists": [],
           *         "warnings": [],
           *         "contributions": [
           *           {
           *             "record": "tax-bureau/T-2026-0001",
           *             "source": "tax-bureau",
           *             "type": "tax.late_payment",
           *             "rule": "late_payment",
           *             "reason": "Tax paid late",
           *             "points": -30,
           *             "path": "record_types.tax.late_payment",
           *             "until": "2027-03-01T00:00:00.000Z",
           *             "version": "2026.1"
           *           }
           *         ],
           *         "next_change_at": "2027-03-01T00:00:00.000Z",
           *         "next_grade_change": null,
           *         "repairable": [],
           *         "rulebook": {
           *           "name": "default",
           *           "version": "2026.1",
           *           "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *         }
           *       },
           *       "records": [
           *         {
           *           "source": "source",
           *           "id": "id",
           *           "type": "type",
           *           "occurred_at": "2026-06-01T00:00:00.000Z",
           *           "recorded_at": "2026-06-01T00:00:00.000Z",
           *           "legal_basis": "legal basis",
           *           "evidence": [
           *             "evidence"
           *           ],
           *           "amount": 0,
           *           "on_behalf_of": "on behalf of",
           *           "culpability": "culpability",
           *           "note": "note",
           *           "content_hash": "content hash",
           *           "status_history": [
           *             {
           *               "event": "event",
           *               "at": "2026-06-01T00:00:00.000Z",
           *               "by": "by",
           *               "reason": "reason",
           *               "data": {}
           *             }
           *           ]
           *         }
           *       ],
           *       "decisions": [
           *         {
           *           "id": "id",
           *           "list": "list",
           *           "event": "event",
           *           "effective_at": "2026-06-01T00:00:00.000Z",
           *           "recorded_at": "2026-06-01T00:00:00.000Z",
           *           "entry": {
           *             "list": "serious_dishonesty",
           *             "kind": "blacklist",
           *             "title": "List of seriously dishonest entities",
           *             "decision": "D-000123",
           *             "since": "2026-06-01T00:00:00.000Z",
           *             "until": "2029-06-01T00:00:00.000Z",
           *             "warned_at": "2026-05-20T00:00:00.000Z",
           *             "exit": "repair or expiry",
           *             "earliest_repair": "2027-06-01T00:00:00.000Z",
           *             "legal_basis": "Civil Procedure Law art. 262",
           *             "grounds": {
           *               "kind": "records",
           *               "records": [
           *                 "court/C-2026-0001"
           *               ]
           *             },
           *             "rulebook": {
           *               "name": "default",
           *               "version": "2026.1",
           *               "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *             }
           *           }
           *         }
           *       ],
           *       "list_history": [
           *         {
           *           "list": "serious_dishonesty",
           *           "kind": "blacklist",
           *           "title": "List of seriously dishonest entities",
           *           "decision": "D-000123",
           *           "since": "2026-06-01T00:00:00.000Z",
           *           "until": "2029-06-01T00:00:00.000Z",
           *           "warned_at": "2026-05-20T00:00:00.000Z",
           *           "exit": "repair or expiry",
           *           "earliest_repair": "2027-06-01T00:00:00.000Z",
           *           "legal_basis": "Civil Procedure Law art. 262",
           *           "grounds": {
           *             "kind": "records",
           *             "records": [
           *               "court/C-2026-0001"
           *             ]
           *           },
           *           "rulebook": {
           *             "name": "default",
           *             "version": "2026.1",
           *             "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *           }
           *         }
           *       ],
           *       "notices": [
           *         {}
           *       ],
           *       "objections": [
           *         {}
           *       ],
           *       "repairs": [
           *         {}
           *       ],
           *       "registry_facts": [
           *         {}
           *       ],
           *       "relations_history": [
           *         {}
           *       ],
           *       "looked": [
           *         {
           *           "who": "who",
           *           "what": "what",
           *           "at": "2026-06-01T00:00:00.000Z"
           *         }
           *       ],
           *       "borne": [
           *         {}
           *       ],
           *       "watched_by": [
           *         {
           *           "watch": "watch",
           *           "watcher": "watcher",
           *           "purpose": "purpose",
           *           "measures": [
           *             "measures"
           *           ],
           *           "since": "2026-06-01T00:00:00.000Z",
           *           "expires_at": "2026-06-01T00:00:00.000Z",
           *           "ended_at": "2026-06-01T00:00:00.000Z",
           *           "standing": false
           *         }
           *       ],
           *       "checks": [
           *         {
           *           "measure": "measure",
           *           "asked_by": "asked by",
           *           "asked_at": "2026-06-01T00:00:00.000Z",
           *           "at": "2026-06-01T00:00:00.000Z",
           *           "applies": false,
           *           "until": "2026-06-01T00:00:00.000Z",
           *           "decisions": [
           *             "decisions"
           *           ]
           *         }
           *       ],
           *       "checks_total": 1,
           *       "checks_next": "checks next"
           *     }
           */
          'application/json': components['schemas']['File'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/file",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listNotices: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "N-000031",
           *           "recipient": "subject",
           *           "kind": "objection.decided",
           *           "created_at": "2026-06-05T00:00:00.000Z",
           *           "title": "Your objection was upheld: the record is annulled",
           *           "reasons": [
           *             "Proof of performance on file dated before the record."
           *           ],
           *           "legal_basis": "Civil Procedure Law art. 262",
           *           "options": [],
           *           "refs": {
           *             "case": "OBJ-000017",
           *             "record": "court/C-2026-0001"
           *           }
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['NoticeList'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/notices",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listObjections: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "OBJ-000017",
           *           "kind": "objection",
           *           "subject": "91350100M000100Y43",
           *           "record": {
           *             "source": "court",
           *             "id": "C-2026-0001"
           *           },
           *           "status": "annulled",
           *           "opened_at": "2026-06-01T00:00:00.000Z",
           *           "deadline": "2026-06-16T00:00:00.000Z",
           *           "overdue": false,
           *           "submission": {
           *             "statement": "The judgment was performed before this record was made."
           *           },
           *           "decided_at": "2026-06-05T00:00:00.000Z",
           *           "decided_by": "provincial reviewer (reviewer)",
           *           "reasons": "Proof of performance on file dated before the record."
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['CaseList'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  fileObjection: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "record": {
         *         "source": "court",
         *         "id": "C-2026-0001"
         *       },
         *       "statement": "The judgment was performed before this record was made."
         *     }
         */
        'application/json': components['schemas']['Objection'];
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "OBJ-000017",
           *       "kind": "objection",
           *       "subject": "91350100M000100Y43",
           *       "record": {
           *         "source": "court",
           *         "id": "C-2026-0001"
           *       },
           *       "status": "annulled",
           *       "opened_at": "2026-06-01T00:00:00.000Z",
           *       "deadline": "2026-06-16T00:00:00.000Z",
           *       "overdue": false,
           *       "submission": {
           *         "statement": "The judgment was performed before this record was made."
           *       },
           *       "decided_at": "2026-06-05T00:00:00.000Z",
           *       "decided_by": "provincial reviewer (reviewer)",
           *       "reasons": "Proof of performance on file dated before the record."
           *     }
           */
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/objections",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRepairs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "OBJ-000017",
           *           "kind": "objection",
           *           "subject": "91350100M000100Y43",
           *           "record": {
           *             "source": "court",
           *             "id": "C-2026-0001"
           *           },
           *           "status": "annulled",
           *           "opened_at": "2026-06-01T00:00:00.000Z",
           *           "deadline": "2026-06-16T00:00:00.000Z",
           *           "overdue": false,
           *           "submission": {
           *             "statement": "The judgment was performed before this record was made."
           *           },
           *           "decided_at": "2026-06-05T00:00:00.000Z",
           *           "decided_by": "provincial reviewer (reviewer)",
           *           "reasons": "Proof of performance on file dated before the record."
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['CaseList'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  applyForRepair: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "record": {
         *         "source": "court",
         *         "id": "C-2026-0001"
         *       },
         *       "letter": {
         *         "text": "We commit to perform the judgment in full and to keep our promises from now on.",
         *         "signed_by": "Zhang Wei, legal representative"
         *       },
         *       "evidence": [
         *         {
         *           "kind": "proof_of_performance",
         *           "ref": "sha256:9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['Repair'];
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "OBJ-000017",
           *       "kind": "objection",
           *       "subject": "91350100M000100Y43",
           *       "record": {
           *         "source": "court",
           *         "id": "C-2026-0001"
           *       },
           *       "status": "annulled",
           *       "opened_at": "2026-06-01T00:00:00.000Z",
           *       "deadline": "2026-06-16T00:00:00.000Z",
           *       "overdue": false,
           *       "submission": {
           *         "statement": "The judgment was performed before this record was made."
           *       },
           *       "decided_at": "2026-06-05T00:00:00.000Z",
           *       "decided_by": "provincial reviewer (reviewer)",
           *       "reasons": "Proof of performance on file dated before the record."
           *     }
           */
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:record.duplicate_conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "record tax-bureau/T-2026-0001 exists with different content",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "record.duplicate_conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/repairs",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getScore: {
    parameters: {
      query?: {
        /** @description YYYY-MM-DD (00:00 UTC) or ISO 8601 date-time with zone */
        at?: string;
      };
      header?: never;
      path: {
        /** @description USCI, national identity number, or registry reference (P…) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "subject": "91350100M000100Y43",
           *       "kind": "organization",
           *       "name": "Fuzhou Example Co.",
           *       "at": "2026-06-01T00:00:00.000Z",
           *       "score": 970,
           *       "grade": "A",
           *       "base": 1000,
           *       "clamped": null,
           *       "lists": [],
           *       "warnings": [],
           *       "contributions": [
           *         {
           *           "record": "tax-bureau/T-2026-0001",
           *           "source": "tax-bureau",
           *           "type": "tax.late_payment",
           *           "rule": "late_payment",
           *           "reason": "Tax paid late",
           *           "points": -30,
           *           "path": "record_types.tax.late_payment",
           *           "until": "2027-03-01T00:00:00.000Z",
           *           "version": "2026.1"
           *         }
           *       ],
           *       "next_change_at": "2027-03-01T00:00:00.000Z",
           *       "next_grade_change": null,
           *       "repairable": [],
           *       "rulebook": {
           *         "name": "default",
           *         "version": "2026.1",
           *         "hash": "a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1a3c1"
           *       }
           *     }
           */
          'application/json': components['schemas']['Score'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:service.busy",
           *       "title": "Service unavailable",
           *       "status": 503,
           *       "detail": "the server is already running 2 heavy requests with 4 waiting; retry in a few seconds",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "service.busy"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/subjects/{ref}/score",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "id",
           *           "role": "role",
           *           "source": "source",
           *           "subject": "91350100M000100Y43",
           *           "created_at": "2026-06-01T00:00:00.000Z",
           *           "expires_at": "2026-06-01T00:00:00.000Z",
           *           "revoked_at": "2026-06-01T00:00:00.000Z",
           *           "label": "label"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['TokenList'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/tokens",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/tokens",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/tokens",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/tokens",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/tokens",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createToken: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "role": "consumer",
         *       "expires": "P90D",
         *       "label": "procurement office"
         *     }
         */
        'application/json': components['schemas']['TokenRequest'];
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6f1c2b9e-3d0a-4c55-9a57-0b1e2f3a4b5c",
           *       "token": "cr_3q2+7w0Jk9mXvA1bC4dE5fG6hI7jK8lM9nO0pQ1rS2t",
           *       "role": "consumer",
           *       "expires_at": "2026-08-30T00:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['TokenCreated'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/tokens",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/tokens",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/tokens",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/tokens",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/tokens",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/tokens",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/tokens",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/tokens",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/tokens/{id}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWatches: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "watches": [
           *         {
           *           "id": "W-6f1c0e1a-8d8f-4f55-9d55-2a1c7f3e9b10",
           *           "purpose": "supplier monitoring for tender 2026-17",
           *           "measures": [
           *             "procurement.exclusion"
           *           ],
           *           "subjects": [
           *             "91350100M000100Y43"
           *           ],
           *           "created_at": "2026-03-01T00:00:00.000Z",
           *           "expires_at": "2027-03-01T00:00:00.000Z",
           *           "ended_at": null
           *         }
           *       ]
           *     }
           */
          'application/json': {
            watches: {
              /** @description ISO 8601 UTC instant */
              created_at: string;
              ended_at: string | null;
              /** @description ISO 8601 UTC instant */
              expires_at: string;
              id: string;
              measures: string[];
              purpose: string;
              subjects: string[];
            }[];
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/watches",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/watches",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/watches",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/watches",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/watches",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWatch: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.
         * @example 6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b
         */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "subjects": [
         *         "91350100M000100Y43"
         *       ],
         *       "measures": [
         *         "procurement.exclusion"
         *       ],
         *       "purpose": "supplier monitoring for tender 2026-17",
         *       "expires": "P6M"
         *     }
         */
        'application/json': {
          /** @description an ISO 8601 duration from now (P6M) or a date (YYYY-MM-DD); at most P1Y, the default */
          expires?: string;
          measures: string[];
          /** @description why the subjects are watched: shown to each of them */
          purpose: string;
          subjects: string[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "W-6f1c0e1a-8d8f-4f55-9d55-2a1c7f3e9b10",
           *       "purpose": "supplier monitoring for tender 2026-17",
           *       "measures": [
           *         "procurement.exclusion"
           *       ],
           *       "subjects": [
           *         "91350100M000100Y43"
           *       ],
           *       "created_at": "2026-03-01T00:00:00.000Z",
           *       "expires_at": "2027-03-01T00:00:00.000Z",
           *       "ended_at": null,
           *       "resolved": [
           *         {
           *           "subject": "91350100M000100Y43",
           *           "ref": "91350100M000100Y43"
           *         }
           *       ]
           *     }
           */
          'application/json': {
            /** @description ISO 8601 UTC instant */
            created_at: string;
            ended_at: string | null;
            /** @description ISO 8601 UTC instant */
            expires_at: string;
            id: string;
            measures: string[];
            purpose: string;
            /** @description each subject as given, with the reference the feed names it by */
            resolved: {
              ref: string;
              /** @description as given */
              subject: string;
            }[];
            subjects: string[];
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/watches",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/watches",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/watches",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.too_large",
           *       "title": "Payload too large",
           *       "status": 413,
           *       "detail": "the request body is larger than 5 MB",
           *       "instance": "/v1/watches",
           *       "code": "input.too_large"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.unsupported_media_type",
           *       "title": "Unsupported media type",
           *       "status": 415,
           *       "detail": "Unsupported Media Type: text/csv",
           *       "instance": "/v1/watches",
           *       "code": "input.unsupported_media_type"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unprocessable content */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:idempotency.key_reused",
           *       "title": "Unprocessable content",
           *       "status": 422,
           *       "detail": "Idempotency-Key \"k-1\" was used with another request body",
           *       "instance": "/v1/watches",
           *       "code": "idempotency.key_reused"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/watches",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/watches",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  endWatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "W-6f1c0e1a-8d8f-4f55-9d55-2a1c7f3e9b10",
           *       "purpose": "supplier monitoring for tender 2026-17",
           *       "measures": [
           *         "procurement.exclusion"
           *       ],
           *       "subjects": [
           *         "91350100M000100Y43"
           *       ],
           *       "created_at": "2026-03-01T00:00:00.000Z",
           *       "expires_at": "2027-03-01T00:00:00.000Z",
           *       "ended_at": null
           *     }
           */
          'application/json': {
            /** @description ISO 8601 UTC instant */
            created_at: string;
            ended_at: string | null;
            /** @description ISO 8601 UTC instant */
            expires_at: string;
            id: string;
            measures: string[];
            purpose: string;
            subjects: string[];
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:input.invalid",
           *       "title": "Bad request",
           *       "status": 400,
           *       "detail": "body: evidence: must NOT have fewer than 1 items",
           *       "instance": "/v1/watches/{id}",
           *       "code": "input.invalid"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unauthorized */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.missing_token",
           *       "title": "Unauthorized",
           *       "status": 401,
           *       "detail": "this endpoint needs a bearer token (Authorization: Bearer <token>)",
           *       "instance": "/v1/watches/{id}",
           *       "code": "auth.missing_token"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:auth.forbidden",
           *       "title": "Forbidden",
           *       "status": 403,
           *       "detail": "a consumer token may not do this (allowed: admin)",
           *       "instance": "/v1/watches/{id}",
           *       "code": "auth.forbidden"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:subject.not_found",
           *       "title": "Not found",
           *       "status": 404,
           *       "detail": "no subject 91350100M000100Y43",
           *       "instance": "/v1/watches/{id}",
           *       "code": "subject.not_found"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:rate.limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "too many requests; retry in 42 s",
           *       "instance": "/v1/watches/{id}",
           *       "code": "rate.limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Any other error (e.g. 414, 431, 500, 503) */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "urn:credence:problem:internal.error",
           *       "title": "Internal server error",
           *       "status": 500,
           *       "detail": "an unexpected error occurred; it has been logged",
           *       "instance": "/v1/watches/{id}",
           *       "code": "internal.error"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
