/**
 * The built-in catalogue of permitted public credit information (DESIGN §4 guardrails): the only record domains a
 * rulebook or a source may use, each with the law that lets an authority record such facts. It mirrors the idea
 * of the 2021 national catalogue of public credit information: nothing is collected beyond what a law names.
 * Not configurable by a rulebook — a new domain is a code change, reviewed like one.
 */

export interface DomainEntry {
  readonly domain: string;
  readonly title: string;
  readonly legalBasis: string;
}

const CATALOGUE_2021 = 'National Basic Catalogue of Public Credit Information (2021 edition)';

export const DOMAIN_CATALOGUE: readonly DomainEntry[] = [
  {
    domain: 'tax',
    title: 'Tax payment and tax violations',
    legalBasis: `Tax Collection Administration Law of the PRC, art. 32 (late payment) and art. 63 (evasion); ${CATALOGUE_2021}`,
  },
  {
    domain: 'court',
    title: 'Court judgments and their enforcement',
    legalBasis:
      "Civil Procedure Law of the PRC (2023), art. 266; Several Provisions of the Supreme People's Court on Publishing the List of Dishonest Judgment Defaulters (Fa Shi [2017] No. 7), art. 1",
  },
  {
    domain: 'market',
    title: 'Market regulation: registration duties, consumer rights, fair competition',
    legalBasis:
      'Interim Regulations on Enterprise Information Publicity (State Council Decree No. 654, 2014), arts. 6 and 7',
  },
  {
    domain: 'product',
    title: 'Product quality and safety',
    legalBasis: 'Product Quality Law of the PRC, art. 24 (publication of supervisory spot-check results)',
  },
  {
    domain: 'food_drug',
    title: 'Food and drug safety',
    legalBasis: 'Food Safety Law of the PRC, art. 113 (food safety credit files of producers and traders)',
  },
  {
    domain: 'environment',
    title: 'Environmental protection',
    legalBasis:
      'Environmental Protection Law of the PRC (2014), art. 54 (environmental violations entered in credit files and published)',
  },
  {
    domain: 'work_safety',
    title: 'Work safety',
    legalBasis: 'Work Safety Law of the PRC (2021), art. 78 (database of work safety violations)',
  },
  {
    domain: 'finance',
    title: 'Credit and payment behaviour towards lenders',
    legalBasis:
      'Regulations on the Administration of the Credit Investigation Industry (State Council Decree No. 631, 2013), art. 16',
  },
  {
    domain: 'customs',
    title: 'Customs compliance',
    legalBasis:
      'Measures for the Credit Administration of Enterprises Registered with Customs (GACC Order No. 251, 2021), art. 2',
  },
  {
    domain: 'procurement',
    title: 'Conduct in public procurement',
    legalBasis: 'Government Procurement Law of the PRC, art. 22 and art. 77',
  },
  {
    domain: 'transport',
    title: 'Conduct on public transport',
    legalBasis:
      'Opinions on Restricting Train Travel by Specified Seriously Dishonest Persons (Fa Gai Cai Jin [2018] No. 384), section 1',
  },
  {
    domain: 'labour',
    title: 'Labour obligations (wage arrears)',
    legalBasis:
      'Interim Measures for the List of Dishonest Entities for Wage Arrears to Migrant Workers (MOHRSS Order No. 45, 2021), art. 5',
  },
  {
    domain: 'licensing',
    title: 'Administrative licences granted, suspended or revoked',
    legalBasis: 'Administrative Licensing Law of the PRC, art. 40 (licensing decisions are public)',
  },
  {
    domain: 'pricing',
    title: 'Pricing conduct',
    legalBasis: 'Price Law of the PRC, art. 14 (unfair pricing practices)',
  },
  {
    domain: 'data',
    title: 'Personal information and data protection',
    legalBasis:
      'Personal Information Protection Law of the PRC, art. 67 (violations entered in credit files and published)',
  },
  {
    domain: 'community',
    title: 'Community service and other positive records',
    legalBasis:
      'State Council Guiding Opinions on Joint Incentives for Trust-Keeping and Joint Punishment for Trust-Breaking (Guo Fa [2016] No. 33), section II',
  },
  {
    domain: 'utilities',
    title: 'Utility fees and the integrity of public utilities',
    legalBasis: 'Electricity Law of the PRC, art. 33 (payment of fees) and art. 71 (theft of power)',
  },
  {
    domain: 'contract',
    title: 'Contract performance found by a competent authority',
    legalBasis: 'Civil Code of the PRC, art. 577 (liability for breach of contract)',
  },
  {
    domain: 'registry',
    title: "The market regulator's registry facts: names, parents, legal representatives, actual controllers",
    legalBasis:
      'Regulations on the Administration of Market Entity Registration (State Council Decree No. 746, 2021), art. 8; GB 32100-2015',
  },
];

const BY_NAME: ReadonlyMap<string, DomainEntry> = new Map(DOMAIN_CATALOGUE.map((d) => [d.domain, d]));

/** The catalogue entry of a permitted domain, or undefined when the domain is not permitted. */
export function domainEntry(domain: string): DomainEntry | undefined {
  return BY_NAME.get(domain);
}

/** The message for a domain outside the catalogue (shared by the loader and source registration). */
export function notPermittedMessage(domain: string): string {
  return `domain "${domain}" is not in the catalogue of permitted public credit information (permitted: ${DOMAIN_CATALOGUE.map((d) => d.domain).join(', ')})`;
}
