/** Money as integer fen, with exact rational rates and half-away-from-zero rounding. */
export { divHalfUp, mulRateHalfUp } from './arithmetic.ts';
export { type Decimal, parseDecimal } from './decimal.ts';
export { type Fen, fen, fenFromBigInt } from './fen.ts';
export { addRatio, divRatio, mulRatio, type RateInput, type Ratio, ratio, subRatio } from './ratio.ts';
export { roundHalfUp } from './rounding.ts';
export { fenSchema, yuanStringSchema } from './schema.ts';
export { formatYuan, parseYuan, tryParseYuan } from './yuan.ts';
export {
  AMOUNT_BOUNDS_FEN,
  type AmountKind,
  boundedFenSchema,
  type FenTotal,
  fenTotal,
  fenTotalSchema,
} from './bounds.ts';
