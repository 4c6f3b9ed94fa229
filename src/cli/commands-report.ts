import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Command, Option } from '@commander-js/extra-typings';
import type { AppContext } from '../app/ports/ports.context.ts';
import type { ReportLang } from '../app/reports/reports.credit-data.ts';
import {
  loadSigningKey,
  parsePublicKey,
  publicKeyPem,
  type ReportSigner,
} from '../app/reports/reports.signing-key.ts';
import { CredenceError } from '../domain/errors.ts';
import { dbOptions, parseAt } from './options.ts';
import { openRegistry, type RegistryOptions, resolveOptions } from './registry.ts';

/** The PDF machinery (pdf-lib, fontkit, the CJK font) loads only for the report commands. */
const credit = () => import('../app/reports/reports.credit.ts');

/** The registry's signer: the one the composition root gives, else the key file beside the database. */
export function signerFor(
  ctx: AppContext,
  location: RegistryOptions,
  create: boolean,
): ReportSigner | undefined {
  const given = (ctx as AppContext & { signer?: ReportSigner }).signer;
  if (given) return given;
  try {
    return loadSigningKey(location, create);
  } catch (e) {
    if (!create && e instanceof CredenceError) return undefined;
    throw e;
  }
}

/** `credence report SUBJECT --out FILE.pdf`, `credence report verify FILE`, `credence report key`. */
export function commands(program: Command): void {
  const report = dbOptions(
    program
      .command('report')
      .description(
        "a signed credit report on an organization's public standing (PDF); see also report verify",
      )
      .argument('<subject>', 'USCI of the organization'),
  )
    .option('--out <file>', 'where to write the PDF (required)')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['en', 'zh']).default('en'))
    .option('--at <date>', 'as of this date (default now)')
    .action(async (subject, o) => {
      if (!o.out)
        throw new CredenceError('usage.missing_out', 'say where to write the report: --out FILE.pdf');
      const out = o.out;
      const location = resolveOptions(o);
      const ctx = await openRegistry(location);
      try {
        const signer = signerFor(ctx, location, true)!;
        const r = await (await credit()).issueCreditReport(ctx, subject, {
          lang: o.lang as ReportLang,
          signer,
          at: parseAt(o.at),
        });
        writeFileSync(out, r.pdf);
        process.stdout.write(
          `${out}: credit report on ${r.usci}, issued at ${r.issuedAt} by registry ${r.registry} (${r.pdf.length} bytes, signed)\n`,
        );
      } finally {
        await ctx.store.close();
      }
    });

  dbOptions(
    report
      .command('verify')
      .description("check a report's signature offline: exit 0 valid, 1 altered or not this registry's")
      .argument('<file>'),
  )
    .option('--key <file>', "the registry's public key (PEM), as GET /v1/keys serves it")
    .action(async (file, o) => {
      if (!existsSync(file)) throw new CredenceError('input.file_not_found', `${file}: no such file`);
      let key: string | undefined;
      if (o.key) {
        if (!existsSync(o.key))
          throw new CredenceError('input.file_not_found', `--key ${o.key}: no such file`);
        key = parsePublicKey(readFileSync(o.key, 'utf8'));
        if (!key)
          throw new CredenceError('input.invalid_key', `--key ${o.key}: not an Ed25519 public key (PEM)`);
      } else {
        const all = { ...report.opts(), ...o };
        if (!all.db && !all.databaseUrl && !process.env.DATABASE_URL)
          throw new CredenceError(
            'usage.no_key',
            "say whose key to check against: --key FILE (the registry's public key) or --db PATH",
          );
        // --db after the subcommand is read by `report` itself: both places count
        const location = resolveOptions({ ...report.opts(), ...o });
        const ctx = await openRegistry(location);
        try {
          key = await (await credit()).registryPublicKey(ctx, signerFor(ctx, location, false));
        } finally {
          await ctx.store.close();
        }
        if (!key)
          throw new CredenceError(
            'registry.no_signing_key',
            'this registry has no signing key to check against',
          );
      }
      const { verifyReport, verdictText } = await credit();
      const v = verifyReport(readFileSync(file), key);
      if (v.ok) process.stdout.write(`${file}: ${verdictText(v)}\n`);
      else {
        process.stderr.write(`${file}: ${verdictText(v)}\n`);
        process.exitCode = 1;
      }
    });

  dbOptions(
    report
      .command('key')
      .description("print the registry's public key (PEM): what report verify --key reads"),
  ).action(async (o) => {
    const location = resolveOptions({ ...report.opts(), ...o });
    const ctx = await openRegistry(location);
    try {
      process.stdout.write(publicKeyPem(signerFor(ctx, location, true)!.publicKey));
    } finally {
      await ctx.store.close();
    }
  });
}
