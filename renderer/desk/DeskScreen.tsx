import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/catalog-types';
import type { ContactView } from '../../core/contacts/contact-types';
import { activeOnly, catalogLabels } from './catalog-labels';
import { ConfirmationBar } from './ConfirmationBar';
import { ContactFields } from './ContactFields';
import { EditContactDialog } from './EditContactDialog';
import { DEFAULT_ENTRY, formatDay } from './entry-options';
import { EntryOptionsPanel } from './EntryOptionsPanel';
import { TodayList } from './TodayList';
import { TopicGrid } from './TopicGrid';
import { useTopicHotkeys } from './use-hotkeys';
import { useDeskSession } from './use-desk-session';
import { VoidDialog } from './VoidDialog';

/** The screen that stays open all day: chips for the next contact, topic buttons, confirmation, today's list. */
export function DeskScreen({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession(catalog);
  const [editing, setEditing] = useState<ContactView | null>(null);
  const [voiding, setVoiding] = useState<ContactView | null>(null);
  const labels = useMemo(() => catalogLabels(catalog, i18n.language), [catalog, i18n.language]);
  const topics = useMemo(() => activeOnly(catalog.topics), [catalog]);
  useTopicHotkeys(topics, session.logTopic);
  const { earlier, count: pendingCount } = session.entry;
  const pendingWhen = earlier ? `${formatDay(earlier.date, i18n.language, false)} ${earlier.time}` : undefined;
  const setEntry = session.setEntry;
  const resetEntry = useCallback(() => setEntry(DEFAULT_ENTRY), [setEntry]);

  return (
    <main className="desk">
      <div className="desk-top">
        <section className="next-contact" aria-labelledby="chips-heading">
          <h2 id="chips-heading" className="section-heading">
            {t('desk.chipsHeading')}
          </h2>
          <ContactFields catalog={catalog} value={session.draft} onChange={session.setDraft} />
          <EntryOptionsPanel value={session.entry} onChange={session.setEntry} />
        </section>
        <div className="desk-main">
          <div className="desk-status">
            <div className="today-count" aria-live="polite">
              <span className="today-count-number" data-testid="today-count">
                {session.todayCount ?? '–'}
              </span>
              <span className="today-count-label">{t('desk.todayCount')}</span>
              {session.saving && <span className="saving">{t('desk.saving')}</span>}
            </div>
            {session.waiting > 0 && (
              <p className="queued-taps" role="status" data-testid="queued-taps">
                {session.waiting === 1 ? t('desk.waitingOne') : t('desk.waiting', { count: session.waiting })}
              </p>
            )}
            <ConfirmationBar
              notice={session.notice}
              labels={labels}
              onUndo={session.undo}
              onAmend={setEditing}
              onDismiss={session.dismiss}
            />
          </div>
          <TopicGrid
            catalog={catalog}
            topics={topics}
            onTopic={session.logTopic}
            pendingWhen={pendingWhen}
            pendingCount={pendingCount}
            onResetPending={resetEntry}
          />
          <TodayList contacts={session.contacts} labels={labels} onEdit={setEditing} onVoid={setVoiding} />
        </div>
      </div>
      {editing && (
        <EditContactDialog
          key={editing.id}
          catalog={catalog}
          contact={editing}
          onSave={(changes) => void session.amend(editing, changes)}
          onClose={() => setEditing(null)}
        />
      )}
      {voiding && (
        <VoidDialog
          key={voiding.id}
          contact={voiding}
          onVoid={(reason) => void session.voidOne(voiding, reason)}
          onClose={() => setVoiding(null)}
        />
      )}
    </main>
  );
}
