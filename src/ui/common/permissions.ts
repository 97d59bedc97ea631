// What the UI offers to whom, mirroring the server's rules (SYNC.md) so nobody is offered a write the
// server would reject. The server checks every write again; these only decide what is shown.
import type { User } from '../../shared/auth.ts';

type Person = Pick<User, 'role' | 'regionIds'>;

/** Contacts and follow-up status are written by inspectors and coordinators of the region (admins only read). */
export function worksInRegion(user: Person, regionId: string): boolean {
  return (user.role === 'inspector' || user.role === 'coordinator') && user.regionIds.includes(regionId);
}

/** Review fields and the approve/return decision are the region's coordinators'. */
export function reviewsRegion(user: Person, regionId: string): boolean {
  return user.role === 'coordinator' && user.regionIds.includes(regionId);
}
