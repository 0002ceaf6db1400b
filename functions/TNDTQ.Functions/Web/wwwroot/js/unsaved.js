// The unsaved-changes guard: a form that guards what is typed in it (new Form(values, { guard: true }))
// keeps the person from leaving it by mistake. Closing or reloading the tab asks the browser's own
// question (beforeunload); a link, the back button or signing out inside the app asks LEAVE_QUESTION.
// A form is "changed" while its values differ from the ones it started with (or last saved); a
// successful save, closing the form (discard) or showing another screen ends the guard.

export const LEAVE_QUESTION = 'Bạn có thay đổi chưa lưu. Rời trang này?';

/** @typedef {{ readonly changed: boolean }} Guarded anything that can say it holds unsaved changes (a Form). */
/** @type {Set<Guarded>} */
const guarded = new Set();

/** Watches a form (anything with a `changed` getter) until it is saved, discarded or the screen changes. */
/** @param {Guarded} form */
export function guard(form) { guarded.add(form); }
/** The form is gone from the screen: what was typed in it no longer holds anyone back. */
/** @param {Guarded} form */
export function forget(form) { guarded.delete(form); }
/** Another screen is shown: the forms of the last one are gone. */
export function forgetAll() { guarded.clear(); }

export const hasUnsaved = () => [...guarded].some(f => f.changed);

/** True when the person may leave the screen: nothing unsaved, or they said yes to leaving it. */
export function mayLeave() {
  if (!hasUnsaved()) return true;
  if (!window.confirm(LEAVE_QUESTION)) return false;
  forgetAll();
  return true;
}

window.addEventListener('beforeunload', e => {
  if (!hasUnsaved()) return;
  e.preventDefault();
  e.returnValue = ''; // older browsers need a value to ask
});
