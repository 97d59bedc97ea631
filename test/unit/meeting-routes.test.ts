// The meetings' paths: the literal /network/meetings/new is the form, not a meeting called "new"; a
// meeting's page and its edit form take the id; who may plan.
import { describe, expect, it } from 'vitest';
import { allowedFor, matchRoute, networkPaths } from '../../src/ui/app/routes.ts';

describe('the meetings’ routes', () => {
  it('match the list, the new form, a meeting and its edit form', () => {
    const id = '0193a0c4-5b6d-7e8f-9a0b-00000000aa01';
    expect(matchRoute(networkPaths.meetings)).toMatchObject({ id: 'networkMeetings', nav: 'network' });
    expect(matchRoute(networkPaths.newMeeting)).toMatchObject({ id: 'meetingNew', params: {} });
    expect(matchRoute(networkPaths.meeting(id))).toMatchObject({ id: 'meeting', params: { id } });
    expect(matchRoute(networkPaths.editMeeting(id))).toMatchObject({ id: 'meetingEdit', params: { id } });
  });

  it('let inspectors and coordinators plan, and anyone read', () => {
    const form = matchRoute(networkPaths.newMeeting)!;
    expect(['inspector', 'coordinator', 'admin'].map((r) => allowedFor(form, r as 'inspector'))).toEqual([true, true, false]);
    expect(allowedFor(matchRoute(networkPaths.meetings)!, 'admin')).toBe(true);
  });
});
