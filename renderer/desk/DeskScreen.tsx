import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { formatter } from '../ui/format';
import { activeOnly, catalogLabels } from './catalog-labels';
import { ContactFields } from './ContactFields';
import { CurrentChoices } from './CurrentChoices';
import { EditContactDialog } from './EditContactDialog';
import { DEFAULT_ENTRY, formatDay } from './entry-options';
import { EntryOptionsPanel } from './EntryOptionsPanel';
import { StatusSlot } from './StatusSlot';
import { TodayList } from './TodayList';
import { TopicGrid } from './TopicGrid';
import { useTopicHotkeys } from './use-hotkeys';
import { defaultDraft, useDeskSession } from './use-desk-session';
import { VoidDialog } from './VoidDialog';
import './desk.css';

/**
 * The screen that stays open all day. In the document (and Tab) order: the counter with what the next
 * tap stores, the status line, the topic buttons, then the chips, then today's list. Wide screens put
 * the chips in a column to the right; narrow ones below the grid, so the buttons come first.
 */
export function DeskScreen({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession(catalog);
  const [editing, setEditing] = useState<ContactView | null>(null);
  const [voiding, setVoiding] = useState<ContactView | null>(null);
  const labels = useMemo(() => catalogLabels(catalog, i18n.language), [catalog, i18n.language]);
  const topics = useMemo(() => activeOnly(catalog.topics), [catalog]);
  const defaults = useMemo(() => defaultDraft(catalog), [catalog]);
  useTopicHotkeys(topics, session.logTopic);
  const { earlier, count: pendingCount } = session.entry;
  const pendingWhen = earlier ? `${formatDay(earlier.date, i18n.language, false)} ${earlier.time}` : undefined;
  const setEntry = session.setEntry;
  const resetEntry = useCallback(() => setEntry(DEFAULT_ENTRY), [setEntry]);
  const count = session.todayCount;

  return (
    <main className="desk">
      <div className="desk-work">
        <div className="desk-status">
          <p className="today-count" aria-live="polite">
            <span className="today-count-number" data-testid="today-count" data-count={count ?? undefined}>
              {count === null ? '–' : formatter(i18n.language).count(count)}
            </span>{' '}
            <span className="today-count-label">{t('desk.todayCount', { count: count ?? 0 })}</span>
          </p>
          <CurrentChoices draft={session.draft} defaults={defaults} labels={labels} onReset={session.resetDraft} />
        </div>
        <StatusSlot notice={session.notice} queue={session.queue} labels={labels} onUndo={session.undo} onAmend={setEditing} onDismiss={session.dismiss} />
        <TopicGrid
          catalog={catalog}
          topics={topics}
          onTopic={session.logTopic}
          pendingWhen={pendingWhen}
          pendingCount={pendingCount}
          onResetPending={resetEntry}
        />
      </div>
      <section className="next-contact" aria-labelledby="chips-heading">
        <h2 id="chips-heading" className="section-heading">
          {t('desk.chipsHeading')}
        </h2>
        <ContactFields catalog={catalog} value={session.draft} onChange={session.setDraft} />
        <EntryOptionsPanel value={session.entry} onChange={session.setEntry} />
      </section>
      <TodayList contacts={session.contacts} labels={labels} onEdit={setEditing} onVoid={setVoiding} />
      {editing && (
        <EditContactDialog
          key={editing.id}
          catalog={catalog}
          contact={editing}
          onSave={(changes) => void session.amend(editing, changes)}
          onClose={() => setEditing(null)}
        />
      )}
      {voiding && <VoidDialog key={voiding.id} contact={voiding} onVoid={(reason) => void session.voidOne(voiding, reason)} onClose={() => setVoiding(null)} />}
    </main>
  );
}
