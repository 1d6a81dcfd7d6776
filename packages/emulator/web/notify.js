// Toasts (callback answers, errors) and the alert dialog (callback answers with show_alert).

const toasts = document.getElementById('toasts');
const dialog = document.getElementById('alert');

/** Shows a short message for a few seconds. */
export function showToast(text, kind = 'info') {
  const toast = document.createElement('div');
  toast.className = `toast ${kind}`;
  toast.textContent = text;
  toasts.append(toast);
  setTimeout(() => toast.classList.add('leaving'), 3500);
  setTimeout(() => toast.remove(), 4000);
}

/** Shows `text` in a modal dialog the user must dismiss. */
export function showAlert(text) {
  document.getElementById('alert-text').textContent = text;
  if (dialog.open) return;
  dialog.showModal();
}
