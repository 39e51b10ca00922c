import { z } from 'zod';
import {
  capitalInput,
  countyInput,
  entityNameInput,
  personNameInput,
  residentIdInput,
} from '../shared/inputs.ts';
import { REGISTERING_AUTHORITIES } from './entity.rules.ts';

/** What registers a legal entity, directly or inside a business application. */
export const EntityRegistrationInput = z.strictObject({
  /** Registration authority code (登记管理部门代码), GB 32100-2015. */
  authority: z.enum(REGISTERING_AUTHORITIES),
  /** Entity type code (机构类别代码) under the authority; checked against GB 32100-2015's table. */
  entityType: z.string().regex(/^[0-9A-HJ-NP-RTUWXY]$/, 'an entity type is one credit-code character'),
  name: entityNameInput,
  /** The domicile's county-level GB/T 2260 division in force today; it becomes characters 3-8 of the code. */
  division: countyInput,
  address: z.string().trim().min(1).max(200),
  legalRepresentative: z.strictObject({ name: personNameInput, residentId: residentIdInput }),
  /** Registered capital in fen; null for entities that have none (public institutions, social organisations). */
  registeredCapitalFen: capitalInput.nullable(),
  businessScope: z.string().trim().min(1).max(2000),
});

/** The VAT status asked for at tax registration. */
export const TaxpayerKindInput = z.enum(['general', 'small-scale']);
