// The paperclip in the composer: pick an image (sent as a photo) or any other file (sent as a
// document), with the text in the input as its caption.

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/** Telegram's limit for photos; larger images go as documents. */
const PHOTO_LIMIT = 10 * 1024 * 1024;
/** What the emulator's control API takes in one upload (base64 in JSON). */
const UPLOAD_LIMIT = 12 * 1024 * 1024;

function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result).replace(/^[^,]*,/, '')));
    reader.addEventListener('error', () =>
      reject(reader.error ?? new Error('could not read file')),
    );
    reader.readAsDataURL(file);
  });
}

/**
 * Wires the attach button. `onFile(upload)` sends `{ kind, data, fileName, mimeType }` (the caller
 * adds the caption) and returns a promise.
 */
export function attachButton({ button, picker, onFile, onError }) {
  button.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    if (file.size > UPLOAD_LIMIT) {
      onError(new Error(`${file.name} is too large for the emulator's page (12 MB at most)`));
      return;
    }
    const kind = PHOTO_TYPES.has(file.type) && file.size <= PHOTO_LIMIT ? 'photo' : 'document';
    button.disabled = true;
    base64Of(file)
      .then((data) =>
        onFile({
          kind,
          data,
          fileName: file.name,
          ...(file.type ? { mimeType: file.type } : {}),
        }),
      )
      .catch(onError)
      .finally(() => {
        button.disabled = false;
      });
  });
}
