import type { Zone } from './principal.ts';

/**
 * The zone rules of S1.2: the internal (政务内网) and external (政务外网)
 * government networks are isolated from each other, so no call crosses
 * between them in either direction; the public zone (the portal facing the
 * Internet) reaches only procedures marked public. Checked by the network
 * client before a call and again by the callee.
 *
 * @example
 * zoneRefusal('external', 'internal', false); // 'the external zone may not call the internal zone'
 */
export function zoneRefusal(caller: Zone, callee: Zone, procedureIsPublic: boolean): string | null {
  if (caller === 'public') {
    return procedureIsPublic ? null : 'the public zone reaches only procedures marked public';
  }
  if ((caller === 'internal' && callee === 'external') || (caller === 'external' && callee === 'internal')) {
    return `the ${caller} zone may not call the ${callee} zone`;
  }
  return null;
}
