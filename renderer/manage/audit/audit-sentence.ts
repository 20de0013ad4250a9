import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, type AuditChange, type AuditItem, type AuditValue } from '../../../core/audit/audit-types';
import type { Formatter } from '../../ui/format';
import { entityText, fieldText, valueText } from './audit-format';

/**
 * One audit entry as one sentence in the UI language: what happened to what, then the changed
 * fields by their names ("Kontakt von 10:30 geändert – Themen: Wohnen → Arbeit."). Entries whose
 * stored fields are bookkeeping (an import's file facts, a merge's source and count, the PIN) get
 * a sentence of their own. Pure, so it is tested for every entity and action without a browser.
 */
export function auditSentence(e: AuditItem, day: string, t: TFunction, f: Formatter): string {
  const subject = entityText(e, day, t, f);
  const value = (field: string) => e.changes.find((c) => c.field === field);
  const text = (v: AuditValue | null | undefined) => (v ? valueText(v, t, f) : '–');

  if (e.entity === 'import' && e.action === 'create') {
    const count = numberOf(value('contacts')?.new);
    const rows = numberOf(value('rows')?.new);
    if (count !== null && rows !== null) {
      const said = ['fileName', 'layout', 'rows', 'contacts', 'range', 'sha256'];
      const head = t('auditSentence.imported', {
        subject,
        count,
        rows: t('import.rowCount', { count: rows }),
        layout: text(value('layout')?.new),
        range: text(value('range')?.new),
      });
      return finish(head, rest(e.changes, said), t, f);
    }
  }
  const mergedFrom = value('mergedFrom');
  if (e.action === 'merge' && mergedFrom) {
    const head = t('auditSentence.mergedFrom', { subject, source: text(mergedFrom.new), count: numberOf(value('movedContacts')?.new) ?? 0 });
    return finish(head, rest(e.changes, ['mergedFrom', 'movedContacts']), t, f);
  }
  const mergedInto = value('mergedInto');
  if (e.action === 'merge' && mergedInto) {
    return finish(t('auditSentence.mergedInto', { subject, target: text(mergedInto.new) }), rest(e.changes, ['mergedInto']), t, f);
  }
  if (e.entity === 'settings' && value('pin')) {
    const key = e.action === 'create' ? 'auditSentence.pinSet' : e.action === 'void' ? 'auditSentence.pinReset' : 'auditSentence.pinChanged';
    return finish(t(key), rest(e.changes, ['pin']), t, f);
  }
  if (e.entity === 'settings' && value('mailPassword')) {
    const key =
      e.action === 'create'
        ? 'auditSentence.mailPasswordSet'
        : e.action === 'delete'
          ? 'auditSentence.mailPasswordRemoved'
          : 'auditSentence.mailPasswordChanged';
    return finish(t(key), rest(e.changes, ['mailPassword']), t, f);
  }
  if (e.entity === 'settings' && value('setupConfirmedAt')) {
    return finish(t('auditSentence.setupConfirmed'), rest(e.changes, ['setupConfirmedAt']), t, f);
  }

  const head =
    e.entity === 'contact' && e.action === 'create'
      ? t('auditSentence.contactCreated', { subject })
      : e.entity === 'theme_day' && e.action === 'void'
        ? t('auditSentence.themeDayEnded', { subject })
        : (AUDIT_ACTIONS as readonly string[]).includes(e.action)
          ? t(`auditSentence.actions.${e.action}`, { subject })
          : t('auditSentence.otherAction', { subject });
  return finish(head, rest(e.changes, saidByHead(e)), t, f);
}

/** Fields the head (or the subject) already says: retiring sets `retired`; a device is named by its name. */
function saidByHead(e: AuditItem): string[] {
  if (e.action === 'retire' || e.action === 'reactivate') return ['retired'];
  if (e.entity === 'device' && e.entityLabel) return ['name'];
  // A saved view is named in the subject; only a rename says its name again, as old → new.
  if (e.entity === 'saved_view') return e.changes.some((c) => c.field === 'name' && c.old !== null && c.new !== null) ? [] : ['name'];
  return [];
}

const numberOf = (v: AuditValue | null | undefined) => (v?.kind === 'number' ? v.value : null);

const rest = (changes: readonly AuditChange[], said: readonly string[]) => changes.filter((c) => c.field === null || !said.includes(c.field));

/** "Themen: Wohnen → Arbeit", "Kanal: Telefon" (created), "Datei: …" (deleted); nothing for an entry without values. */
function detail(c: AuditChange, t: TFunction, f: Formatter): string | null {
  if (c.field === null) return null;
  const field = fieldText(c.field, t);
  if (c.old !== null && c.new !== null) return t('auditSentence.change', { field, old: valueText(c.old, t, f), new: valueText(c.new, t, f) });
  const only = c.new ?? c.old;
  return only === null ? null : t('auditSentence.value', { field, value: valueText(only, t, f) });
}

function finish(head: string, changes: readonly AuditChange[], t: TFunction, f: Formatter): string {
  const details = changes.map((c) => detail(c, t, f)).filter((d): d is string => d !== null);
  return details.length === 0 ? t('auditSentence.plain', { head }) : t('auditSentence.withDetails', { head, details: details.join('; ') });
}
