// The district editor's calls (docs/http-api.md, "Editing district teams and places (back
// office)") and the shapes of their answers. Built on AdminApi.request (CSRF, 401 handling).
import type { AdminApi } from './api';
import type { EditableDistrict } from './district_types';

export interface Localized {
  cs: string;
  en: string;
}

export interface TeamRole {
  id: number;
  code: string;
  name: Localized;
  order: number;
  retired: boolean;
}

export interface Contact {
  email: string | null;
  phone: string | null;
}

export interface OfficeHours {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  from: string;
  to: string;
  place: string | null;
}

export interface HolderPhoto {
  id: number;
  url: string;
  thumbnail_url: string;
}

export interface StaffHolder {
  id: number;
  name: string;
  photo: HolderPhoto | null;
  bio: string | null;
  office_hours: OfficeHours[];
  office_hours_note: string | null;
  contact: Contact;
  since: string;
  role_id: number;
  district_id: number;
  from: string;
  to: string | null;
  current: boolean;
  user_id: number | null;
}

export interface StaffSeat {
  role: TeamRole;
  contact: Contact;
  /** Newest first. */
  holders: StaffHolder[];
}

/** What PUT /admin/holders/{id} takes (and POST …/holders with `from`). */
export interface HolderProfile {
  name: string;
  bio: string | null;
  office_hours: Array<{ weekday: number; from: string; to: string; place: string | null }>;
  office_hours_note: string | null;
  email: string | null;
  phone: string | null;
  user_id?: number | null;
}

/** Photo limits the server applies too (10 MiB; JPEG or PNG). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'];

export function editableDistricts(api: AdminApi): Promise<{ districts: EditableDistrict[] }> {
  return api.request('GET', 'admin/districts');
}

export function teamHistory(api: AdminApi, districtId: number): Promise<{ district_id: number; team: StaffSeat[] }> {
  return api.request('GET', `admin/districts/${districtId}/team`);
}

export function setRoleContact(api: AdminApi, districtId: number, roleId: number, contact: Contact): Promise<{ contact: Contact }> {
  return api.request('PUT', `admin/districts/${districtId}/roles/${roleId}/contact`, { body: contact });
}

export function startHolder(api: AdminApi, districtId: number, roleId: number, from: string, profile: HolderProfile): Promise<{ holder: StaffHolder }> {
  return api.request('POST', `admin/districts/${districtId}/roles/${roleId}/holders`, { body: { ...profile, from } });
}

export function updateHolder(api: AdminApi, holderId: number, profile: HolderProfile): Promise<{ holder: StaffHolder }> {
  return api.request('PUT', `admin/holders/${holderId}`, { body: profile });
}

export function endHolder(api: AdminApi, holderId: number, to: string): Promise<{ holder: StaffHolder }> {
  return api.request('POST', `admin/holders/${holderId}/end`, { body: { to } });
}

export function uploadPhoto(api: AdminApi, holderId: number, file: Blob): Promise<{ photo: HolderPhoto & { width: number; height: number } }> {
  return api.request('PUT', `admin/holders/${holderId}/photo`, { raw: file, contentType: file.type });
}

export function removePhoto(api: AdminApi, holderId: number): Promise<{ status: string }> {
  return api.request('DELETE', `admin/holders/${holderId}/photo`);
}

/**
 * The staff URL of a holder's photo: the public URL serves current holders only, the staff
 * one (no-store) any stored photo the user may read, a former holder's too.
 */
export function staffPhotoUrl(publicUrl: string): string {
  return publicUrl.replace(/^\/api\/v1\/photos\//, '/api/v1/admin/photos/');
}
