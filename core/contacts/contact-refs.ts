import { invalidField } from '../base/errors';

/**
 * Refuses ids that are unknown or retired. Ids the contact already carries stay allowed,
 * so a contact whose topic was retired later can still be corrected in other fields.
 */
export function assertActiveIds(field: string, ids: readonly number[], active: Set<number>, alreadyOnContact: readonly number[] = []) {
  ids.forEach((id, i) => {
    if (!active.has(id) && !alreadyOnContact.includes(id)) {
      throw invalidField(`${field}.${i}`, `${id} is not an active catalog entry`);
    }
  });
}

export function assertActiveId(field: string, id: number, active: Set<number>, current?: number) {
  if (!active.has(id) && id !== current) throw invalidField(field, `${id} is not an active catalog entry`);
}
