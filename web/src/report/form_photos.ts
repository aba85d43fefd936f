// Up to five JPEG/PNG photos with previews. They are sent after the report exists, with its
// tracking token (the server decodes them again and strips EXIF/GPS).
import { t } from '../i18n';
import { el } from '../district/dom';
import { field, input } from './fields';

export const MAX_PHOTOS = 5;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png'];

export interface PhotoPicker {
  root: HTMLElement;
  files(): File[];
  relabel(): void;
}

export function createPhotoPicker(): PhotoPicker {
  let chosen: Array<{ file: File; preview: string }> = [];
  const picker = input('file', 'photos', { multiple: true, accept: TYPES.join(',') });
  const f = field('report-photos', 'report.photos.label', picker, 'report.photos.hint');
  const previews = el('ul', 'report-photo-previews');
  previews.id = 'report-photo-previews';
  f.root.append(previews);

  function render(): void {
    previews.replaceChildren();
    chosen.forEach((item, i) => {
      const li = el('li', 'report-photo-preview');
      const img = el('img');
      img.src = item.preview;
      img.alt = t('report.photos.previewAlt', { n: i + 1, name: item.file.name });
      const remove = el('button', 'btn btn-ghost btn-small', t('report.photos.remove'));
      remove.type = 'button';
      remove.setAttribute('aria-label', t('report.photos.removeLabel', { n: i + 1 }));
      remove.addEventListener('click', () => {
        chosen.splice(i, 1);
        render();
        picker.focus();
      });
      li.append(img, remove);
      previews.append(li);
    });
  }

  // The page's Content-Security-Policy allows data: images, not blob: ones.
  const readPreview = (file: File) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });

  picker.addEventListener('change', async () => {
    const problems: string[] = [];
    for (const file of Array.from(picker.files ?? [])) {
      if (chosen.length >= MAX_PHOTOS) {
        problems.push(t('report.photos.tooMany', { max: MAX_PHOTOS }));
        break;
      }
      if (!TYPES.includes(file.type)) problems.push(t('report.photos.badType', { name: file.name }));
      else if (file.size > MAX_PHOTO_BYTES) problems.push(t('report.photos.tooBig', { name: file.name }));
      else chosen.push({ file, preview: await readPreview(file).catch(() => '') });
    }
    picker.value = '';
    f.setError(problems.length ? problems.join(' ') : null);
    render();
  });

  return { root: f.root, files: () => chosen.map((c) => c.file), relabel: render };
}
