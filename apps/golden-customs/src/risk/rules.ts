import { type Fen, mulRatio, type Ratio, ratio } from '@egov/standards';

/*
 * Risk lanes (通关风险通道) from declared rules: pure data, evaluated by one
 * pure function. The most severe lane any rule selects wins; no rule: green.
 *
 *   red     physical examination (查验) before release
 *   yellow  document check (审单) before release
 *   blue    release, then post-clearance audit (先放后核)
 *   green   release
 *
 * Reference prices are ILLUSTRATIVE: a real customs service draws them from
 * its price-risk database. Change the data here, not the evaluator.
 */

export const lanes = ['red', 'yellow', 'blue', 'green'] as const;
export type Lane = (typeof lanes)[number];

/** Lanes from the most to the least severe. */
const severity: Record<Lane, number> = { red: 0, yellow: 1, blue: 2, green: 3 };

export type AeoClass = 'advanced' | 'general';

export type LaneRule =
  | { id: string; lane: Lane; when: 'ccc_certificate_missing'; description: string }
  | { id: string; lane: Lane; when: 'unit_value_below_reference'; fraction: string; description: string }
  | { id: string; lane: Lane; when: 'first_declaration'; description: string }
  | { id: string; lane: Lane; when: 'aeo_class'; classes: readonly AeoClass[]; description: string };

/** The declared rules, in the order their reasons are reported. */
export const laneRules: readonly LaneRule[] = [
  {
    id: 'ccc-certificate-missing',
    lane: 'red',
    when: 'ccc_certificate_missing',
    description:
      'a line needs CCC certification (强制性产品认证) and states no certificate: examine the goods (held for Golden Quality)',
  },
  {
    id: 'undervalued',
    lane: 'red',
    when: 'unit_value_below_reference',
    fraction: '0.5',
    description:
      "a line's customs value per legal unit is below half the reference price: suspected undervaluation",
  },
  {
    id: 'first-time-importer',
    lane: 'yellow',
    when: 'first_declaration',
    description: 'the importer has no earlier declaration here: check the documents',
  },
  {
    id: 'aeo-advanced',
    lane: 'blue',
    when: 'aeo_class',
    classes: ['advanced'],
    description: 'the importer is an AEO advanced certified enterprise (高级认证企业): release, then audit',
  },
];

/** Illustrative reference prices in yuan per legal unit, by commodity code. */
export const referencePrices: Readonly<Record<string, { unit: string; cny: string }>> = {
  '8471300000': { unit: 'unit', cny: '2000' }, // laptops
  '8517130000': { unit: 'unit', cny: '800' }, // smartphones
  '2204210000': { unit: 'L', cny: '20' }, // bottled wine
  '3303000000': { unit: 'kg', cny: '400' }, // perfume
  '8703234100': { unit: 'vehicle', cny: '80000' }, // 1.5–2.0 l saloon cars
  '8703235100': { unit: 'vehicle', cny: '120000' },
  '8703241100': { unit: 'vehicle', cny: '250000' },
  '8703801000': { unit: 'vehicle', cny: '100000' },
};

/** What the rules look at. */
export interface LaneFacts {
  importer: { aeoClass: AeoClass | null; earlierDeclarations: number };
  lines: readonly {
    lineNo: number;
    commodityCode: string;
    unit: string;
    /** Exact quantity in the legal unit. */
    quantity: Ratio;
    customsValueFen: Fen;
    cccRequired: boolean;
    cccCertificateNo: string | null;
  }[];
}

export interface LaneReason {
  rule: string;
  lane: Lane;
  /** 1-based line number, or null when the reason is about the importer. */
  lineNo: number | null;
  message: string;
}

function lineReasons(rule: LaneRule, facts: LaneFacts): LaneReason[] {
  const reasons: LaneReason[] = [];
  for (const line of facts.lines) {
    if (rule.when === 'ccc_certificate_missing' && line.cccRequired && !line.cccCertificateNo) {
      reasons.push({
        rule: rule.id,
        lane: rule.lane,
        lineNo: line.lineNo,
        message: `line ${line.lineNo} (${line.commodityCode}) needs a CCC certificate and states none`,
      });
    }
    if (rule.when === 'unit_value_below_reference') {
      const reference = referencePrices[line.commodityCode];
      if (!reference || reference.unit !== line.unit) continue;
      // value < fraction × reference(yuan → fen) × quantity, compared exactly as fractions.
      const floor = mulRatio(
        mulRatio(ratio(rule.fraction), mulRatio(ratio(reference.cny), 100)),
        line.quantity,
      );
      if (BigInt(line.customsValueFen) * floor.den < floor.num) {
        reasons.push({
          rule: rule.id,
          lane: rule.lane,
          lineNo: line.lineNo,
          message: `line ${line.lineNo} (${line.commodityCode}) is valued below ${rule.fraction} of the reference price of ${reference.cny} yuan per ${reference.unit}`,
        });
      }
    }
  }
  return reasons;
}

function importerReason(rule: LaneRule, facts: LaneFacts): LaneReason | undefined {
  if (rule.when === 'first_declaration' && facts.importer.earlierDeclarations === 0) {
    return { rule: rule.id, lane: rule.lane, lineNo: null, message: 'first declaration of this importer' };
  }
  if (
    rule.when === 'aeo_class' &&
    facts.importer.aeoClass &&
    rule.classes.includes(facts.importer.aeoClass)
  ) {
    return {
      rule: rule.id,
      lane: rule.lane,
      lineNo: null,
      message: `importer is AEO ${facts.importer.aeoClass} certified`,
    };
  }
  return undefined;
}

/**
 * Assigns the lane: every rule is evaluated, every hit is reported, and the
 * most severe lane among the hits is the declaration's (green without hits).
 *
 * @example
 * assignLane({ importer: { aeoClass: 'advanced', earlierDeclarations: 4 }, lines: [] })
 * // { lane: 'blue', reasons: [{ rule: 'aeo-advanced', lane: 'blue', lineNo: null, ... }] }
 */
export function assignLane(
  facts: LaneFacts,
  rules: readonly LaneRule[] = laneRules,
): { lane: Lane; reasons: LaneReason[] } {
  const reasons: LaneReason[] = [];
  for (const rule of rules) {
    reasons.push(...lineReasons(rule, facts));
    const reason = importerReason(rule, facts);
    if (reason) reasons.push(reason);
  }
  const lane = reasons.reduce<Lane>(
    (worst, r) => (severity[r.lane] < severity[worst] ? r.lane : worst),
    'green',
  );
  return { lane, reasons };
}
