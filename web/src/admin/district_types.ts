// The district card editor's shared shapes: a district the signed-in user may edit (GET
// /api/v1/admin/districts) and the signature of each section (team, places, priorities,
// meetings) the editor shows for it.
import type { Ctx } from './context';

export interface AreaBrief {
  id: number;
  code: string;
  name: string;
}

export interface EditableDistrict extends AreaBrief {
  municipality: number;
  city_part: AreaBrief | null;
  /** The user also appoints the team (district_team.edit): holders, role contacts. */
  appoint: boolean;
}

/** A section of the editor: its root element, filled asynchronously from the API. */
export type DistrictSection = (ctx: Ctx, district: EditableDistrict) => HTMLElement;
