// A current holder's photo: choose a JPEG or PNG (checked here for type and the 10 MiB limit),
// see a preview, upload it as the raw request body; or remove the photo.
import { AdminApiError, SessionExpired } from './api';
import type { AdminApi } from './api';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, removePhoto, uploadPhoto, type StaffHolder } from './api_directory';
import { h } from './dom';
import { busy, inputField, MessageBox } from './forms';
import { showTeamFailure } from './district_team_text';

export interface PhotoFormOptions {
  prefix: string;
  api: AdminApi;
  holder: StaffHolder;
  /** After an upload or removal: reload the team (and say so). */
  done(change: 'uploaded' | 'removed'): Promise<void>;
}

export function photoForm(options: PhotoFormOptions): HTMLElement {
  const { prefix, holder } = options;
  const file = inputField(`${prefix}-photo`, 'admin.team.field.photo', {
    hint: 'admin.team.photo.hint',
    attrs: { type: 'file', accept: PHOTO_TYPES.join(',') },
  });
  const preview = h('figure', { class: 'photo-preview', id: `${prefix}-photo-preview`, hidden: true });
  const message = new MessageBox();
  const upload = h('button', { type: 'submit', class: 'btn btn-primary', id: `${prefix}-photo-upload`, t: 'admin.team.photo.upload', disabled: true });
  const remove = holder.photo
    ? h('button', { type: 'button', class: 'btn btn-danger', id: `${prefix}-photo-remove`, t: 'admin.team.photo.remove' })
    : null;
  let previewUrl: string | null = null;
  let chosen: File | null = null;

  function clearPreview(): void {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    chosen = null;
    preview.replaceChildren();
    preview.hidden = true;
    upload.disabled = true;
  }

  file.control.addEventListener('change', () => {
    message.clear();
    file.setError();
    clearPreview();
    const picked = file.control.files?.[0];
    if (!picked) return;
    if (!PHOTO_TYPES.includes(picked.type)) {
      file.setError('admin.team.photo.wrong_type');
      return;
    }
    if (picked.size > PHOTO_MAX_BYTES) {
      file.setError(['admin.team.photo.too_big', { size: (picked.size / 1024 / 1024).toFixed(1) }]);
      return;
    }
    chosen = picked;
    previewUrl = URL.createObjectURL(picked);
    const img = h('img', { src: previewUrl, alt: '', class: 'photo-preview-img' });
    img.setAttribute('alt', '');
    preview.append(img, h('figcaption', { class: 'hint', t: 'admin.team.photo.preview' }));
    preview.hidden = false;
    upload.disabled = false;
  });

  const form = h('form', { class: 'admin-form photo-form', novalidate: true, id: `${prefix}-photo-form` }, file.root, preview, message.el, h('div', { class: 'admin-actions' }, upload, remove));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!chosen) {
      file.setError('admin.error.required');
      file.control.focus();
      return;
    }
    const photo = chosen;
    void busy(upload, async () => {
      try {
        await uploadPhoto(options.api, holder.id, photo);
        clearPreview();
        await options.done('uploaded');
      } catch (err) {
        if (err instanceof SessionExpired) return;
        if (err instanceof AdminApiError && err.status === 413) {
          file.setError('admin.team.photo.too_big_server');
          message.error('admin.error.fix');
          return;
        }
        showTeamFailure(err, message, { photo: file, 'Content-Type': file });
      }
    });
  });
  remove?.addEventListener('click', () => {
    message.clear();
    void busy(remove, async () => {
      try {
        await removePhoto(options.api, holder.id);
        await options.done('removed');
      } catch (err) {
        if (!(err instanceof SessionExpired)) showTeamFailure(err, message, { photo: file });
      }
    });
  });
  return form;
}
