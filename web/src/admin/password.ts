// New-password fields (with repetition) and the server's policy reasons in words.
import { hasKey, type MessageKey } from '../i18n';
import { AdminApiError } from './api';
import { focus } from './dom';
import { inputField, type Field, type MessageBox } from './forms';

export interface NewPassword {
  password: Field;
  repeat: Field;
  /** The new password when both fields agree and it is long enough to try; else marks them. */
  read(box: MessageBox): string | null;
  /** Shows a 422 about the password (the policy's reasons); false when `err` is something else. */
  showRefusal(err: unknown, box: MessageBox): boolean;
}

/** The server's minimum (PasswordPolicySettings::min_code_points); the server decides. */
const MIN_LENGTH = 12;

export function newPasswordFields(prefix: string): NewPassword {
  const password = inputField(`${prefix}-new-password`, 'admin.password.new', {
    hint: 'admin.password.policy',
    attrs: { type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH, maxlength: 128 },
  });
  const repeat = inputField(`${prefix}-repeat-password`, 'admin.password.repeat', {
    attrs: { type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 },
  });
  return {
    password,
    repeat,
    read(box) {
      const value = password.control.value;
      password.setError();
      repeat.setError();
      if (value === '') {
        password.setError('admin.error.required');
      } else if ([...value].length < MIN_LENGTH) {
        password.setError(['admin.password.reason.too_short', { min: MIN_LENGTH }]);
      } else if (repeat.control.value !== value) {
        repeat.setError('admin.password.mismatch');
        box.error('admin.error.fix');
        focus(repeat.control);
        return null;
      } else {
        return value;
      }
      box.error('admin.error.fix');
      focus(password.control);
      return null;
    },
    showRefusal(err, box) {
      if (!(err instanceof AdminApiError) || err.field !== 'password' || err.status !== 422) return false;
      const keys: Array<MessageKey | [MessageKey, { min: number }]> = err.reasons.map((reason) => {
        const key = `admin.password.reason.${reason}`;
        return hasKey(key) ? ([key, { min: MIN_LENGTH }] as [MessageKey, { min: number }]) : 'admin.password.reason.other';
      });
      password.setError(...(keys.length ? keys : ['admin.password.reason.other' as MessageKey]));
      password.control.value = '';
      repeat.control.value = '';
      box.error('admin.error.fix');
      focus(password.control);
      return true;
    },
  };
}
