/** The states of a card and which changes are allowed: cancelled is final, a lost card is only cancelled. */
export const cardStatuses = ['active', 'frozen', 'lost', 'cancelled'] as const;
export type CardStatus = (typeof cardStatuses)[number];

const allowed: Record<CardStatus, readonly CardStatus[]> = {
  active: ['frozen', 'lost', 'cancelled'],
  frozen: ['active', 'cancelled'],
  lost: ['cancelled'],
  cancelled: [],
};

/** Whether a card may go from `from` to `to`. */
export function canChangeStatus(from: CardStatus, to: CardStatus): boolean {
  return allowed[from].includes(to);
}

/** The 6-digit BIN of a card number, as a number. */
export function binOf(pan: string): number {
  return Number(pan.slice(0, 6));
}
