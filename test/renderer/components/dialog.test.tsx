// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../../renderer/ui/Dialog';

afterEach(cleanup);

function renderDialog() {
  const onSubmit = vi.fn();
  const onClose = vi.fn();
  render(
    <Dialog title="Eintrag löschen?" testId="confirm" onSubmit={onSubmit} onClose={onClose}>
      <input data-testid="note" />
      <div className="dialog-actions">
        <button type="button" data-testid="cancel" onClick={onClose}>
          x
        </button>
        <button type="submit" data-testid="ok">
          y
        </button>
      </div>
    </Dialog>,
  );
  return { onSubmit, onClose, dialog: screen.getByTestId('confirm') as HTMLDialogElement };
}

describe('Dialog', () => {
  it('opens as a modal named by its title', () => {
    const { dialog } = renderDialog();
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('confirm-title');
    expect(document.getElementById('confirm-title')?.textContent).toBe('Eintrag löschen?');
  });

  it('submits on Enter from a field, once, without the browser leaving the page', () => {
    const { onSubmit, onClose } = renderDialog();
    fireEvent.keyDown(screen.getByTestId('note'), { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('leaves Enter on an action button to that button, so Enter on "cancel" does not confirm', () => {
    const { onSubmit } = renderDialog();
    fireEvent.keyDown(screen.getByTestId('cancel'), { key: 'Enter' });
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits from its submit button and reports closing (Escape closes a native dialog)', () => {
    const { onSubmit, onClose, dialog } = renderDialog();
    fireEvent.click(screen.getByTestId('ok'));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    dialog.close();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
