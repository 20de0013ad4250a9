import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { CatalogKind } from '../../../core/catalog/catalog-references';
import type { Catalog, Topic, TopicGroup } from '../../../core/catalog/catalog-types';
import { client } from '../../api/client';
import { errorMessage } from '../../ui/error-message';
import { useAction } from '../../ui/use-action';
import { draftOf, entriesOf, entryName, KINDS, listOrder, movedIds, NEEDED, newDraft, type Draft, type Entry } from './catalog-helpers';
import { EntryDialog } from './EntryDialog';
import { MergeDialog } from './MergeDialog';
import { RetireDialog } from './RetireDialog';

/** One catalog write; resolves to the notice to show. */
interface CatalogAction {
  (): Promise<string>;
}

/**
 * The catalog editor: what the desk offers, per kind. Add, edit, reorder, retire or reactivate,
 * and merge two entries; entries with history are never deleted.
 */
export function CatalogPanel({ catalog, reloadCatalog }: { catalog: Catalog; reloadCatalog(): Promise<void> }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const [kind, setKind] = useState<CatalogKind>('topic');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [merging, setMerging] = useState<Entry | null>(null);
  const [retiring, setRetiring] = useState<Entry | null>(null);
  const { busy, error, setError, run: runAction } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [lastActive, setLastActive] = useState(false);
  /** After a move the row changes place: keep the keyboard on its button. */
  const refocus = useRef<string | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const entries = entriesOf(catalog, kind);
  const rows = listOrder(entries);
  const activeCount = rows.filter((e) => !e.retired).length;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const name = (e: Entry) => entryName(e, i18n.language);
  const topicById = new Map(catalog.topics.map((topic) => [topic.id, topic]));
  const memberNames = (g: TopicGroup) => g.topicIds.map((topicId) => (topicById.has(topicId) ? name(topicById.get(topicId)!) : `#${topicId}`)).join(', ');

  // Buttons are disabled while a write runs, which drops their focus: restore it once done.
  useEffect(() => {
    if (!refocus.current || busy) return;
    const button = table.current?.querySelector<HTMLButtonElement>(`[data-testid="${refocus.current}"]`);
    refocus.current = null;
    if (button && !button.disabled) button.focus();
  });

  const say = (text: string | null, err: unknown = null) => {
    setNotice(text);
    setError(err);
    setLastActive(false);
  };

  const run = async (action: CatalogAction) => {
    const ok = await runAction(async () => {
      const text = await action();
      await reloadCatalog();
      say(text);
    });
    if (!ok) {
      setNotice(null);
      setLastActive(false);
    }
  };

  const move = (e: Entry, step: -1 | 1) => {
    const ids = movedIds(entries, e.id, step);
    if (!ids) return;
    refocus.current = `catalog-${step < 0 ? 'up' : 'down'}-${e.id}`;
    void run(async () => {
      await client.reorderCatalog({ kind, ids });
      return t('catalog.reordered', { name: name(e) });
    });
  };

  /** Retiring asks first (it takes a button off the desk); the last entry the desk needs is refused before asking. */
  const askRetire = (e: Entry) => {
    say(null);
    if (NEEDED.includes(kind) && activeCount <= 1) return setLastActive(true);
    setRetiring(e);
  };

  /** Reactivating is one click: it takes nothing away. */
  const setRetired = (e: Entry, retired: boolean) => {
    refocus.current = `catalog-${retired ? 'reactivate' : 'retire'}-${e.id}`;
    void run(async () => {
      await client.setCatalogEntryRetired({ kind, id: e.id, retired });
      return t(retired ? 'catalog.retiredNotice' : 'catalog.reactivatedNotice', { name: name(e) });
    });
  };

  const status = (e: Entry) => {
    if (e.mergedInto !== null) {
      const target = byId.get(e.mergedInto);
      return t('catalog.mergedInto', { name: target ? name(target) : `#${e.mergedInto}` });
    }
    return e.retired ? t('catalog.retired') : t('catalog.active');
  };

  return (
    <section className="panel catalog" aria-labelledby={`${id}-heading`} data-testid="catalog-panel">
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('catalog.heading')}</h2>
        <button type="button" className="tool-button primary" onClick={() => setDraft(newDraft(kind, catalog))} disabled={busy} data-testid="catalog-new">
          {t(`catalog.add.${kind}`)}
        </button>
      </div>
      <p className="note">{t('catalog.explain')}</p>
      <div className="chips catalog-kinds" role="group" aria-label={t('catalog.kinds')}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="chip"
            aria-pressed={kind === k}
            onClick={() => {
              setKind(k);
              say(null);
            }}
            data-testid={`catalog-kind-${k}`}
          >
            {t(`catalog.kind.${k}`)}
          </button>
        ))}
      </div>

      {kind === 'topicGroup' && (
        <p className="note" data-testid="catalog-groups-explain">
          {t('catalog.topicGroupsExplain')}
        </p>
      )}
      <div aria-live="polite">
        {notice && (
          <p className="form-ok" data-testid="catalog-notice">
            {notice}
          </p>
        )}
      </div>
      {(error !== null || lastActive) && (
        <p className="form-error" role="alert" data-testid="catalog-error">
          {lastActive ? t('catalog.problems.lastActive') : errorMessage(t, error)}
        </p>
      )}

      {rows.length === 0 ? (
        <p className="empty">{t('catalog.none')}</p>
      ) : (
        <div className="table-scroll">
          <table ref={table} className="report-table catalog-list" data-testid="catalog-list" aria-busy={busy}>
            <caption className="visually-hidden">{t(`catalog.kind.${kind}`)}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('catalog.columns.position')}
                </th>
                <th scope="col">{t('catalog.columns.name')}</th>
                {kind === 'language' && <th scope="col">{t('catalog.columns.code')}</th>}
                {kind === 'topic' && <th scope="col">{t('catalog.columns.hotkey')}</th>}
                {kind === 'topic' && <th scope="col">{t('catalog.columns.sdgs')}</th>}
                {kind === 'topicGroup' && <th scope="col">{t('catalog.columns.topics')}</th>}
                <th scope="col">{t('catalog.columns.status')}</th>
                <th scope="col">{t('catalog.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const activeIndex = e.retired ? -1 : rows.indexOf(e);
                const topic = kind === 'topic' ? (e as Topic) : null;
                const group = kind === 'topicGroup' ? (e as TopicGroup) : null;
                return (
                  <tr key={e.id} className={e.retired ? 'retired' : undefined} data-testid={`catalog-row-${e.id}`}>
                    <td className="num">{e.retired ? '–' : activeIndex + 1}</td>
                    <th scope="row">
                      {topic && <span className="swatch" style={{ background: topic.color }} aria-hidden="true" />}
                      <span data-testid={`catalog-name-${e.id}`}>{name(e)}</span>
                      {'labelEn' in e && <span className="sub">{i18n.language.startsWith('en') ? e.labelDe : e.labelEn}</span>}
                    </th>
                    {kind === 'language' && <td>{'code' in e && <code>{e.code}</code>}</td>}
                    {topic && <td>{topic.hotkey ? <kbd className="hotkey">{topic.hotkey.toUpperCase()}</kbd> : '–'}</td>}
                    {topic && (
                      <td className="sdgs">
                        {topic.sdgs.length === 0
                          ? '–'
                          : topic.sdgs.map((g) => (
                              <abbr key={g} className="sdg-badge" title={t(`catalog.sdg.g${g}`)}>
                                {g}
                              </abbr>
                            ))}
                      </td>
                    )}
                    {group && (
                      <td className="members" data-testid={`catalog-members-${e.id}`}>
                        {group.topicIds.length === 0 ? '–' : memberNames(group)}
                      </td>
                    )}
                    <td>{e.retired ? <span className="badge">{status(e)}</span> : status(e)}</td>
                    <td>
                      {e.mergedInto === null && (
                        <div className="row-actions">
                          {!e.retired && (
                            <>
                              <button
                                type="button"
                                className="move"
                                onClick={() => move(e, -1)}
                                disabled={busy || activeIndex === 0}
                                aria-label={t('catalog.moveUp', { name: name(e) })}
                                data-testid={`catalog-up-${e.id}`}
                              >
                                <span aria-hidden="true">↑</span>
                              </button>
                              <button
                                type="button"
                                className="move"
                                onClick={() => move(e, 1)}
                                disabled={busy || activeIndex === activeCount - 1}
                                aria-label={t('catalog.moveDown', { name: name(e) })}
                                data-testid={`catalog-down-${e.id}`}
                              >
                                <span aria-hidden="true">↓</span>
                              </button>
                            </>
                          )}
                          <button
                            type="button"
                            onClick={() => setDraft(draftOf(kind, e))}
                            disabled={busy}
                            aria-label={t('catalog.editNamed', { name: name(e) })}
                            data-testid={`catalog-edit-${e.id}`}
                          >
                            {t('catalog.edit')}
                          </button>
                          {e.retired ? (
                            <button
                              type="button"
                              onClick={() => setRetired(e, false)}
                              disabled={busy}
                              aria-label={t('catalog.reactivateNamed', { name: name(e) })}
                              data-testid={`catalog-reactivate-${e.id}`}
                            >
                              {t('catalog.reactivate')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              onClick={() => askRetire(e)}
                              disabled={busy}
                              aria-label={t('catalog.retireNamed', { name: name(e) })}
                              data-testid={`catalog-retire-${e.id}`}
                            >
                              {t('catalog.retire')}
                            </button>
                          )}
                          <button
                            type="button"
                            onClick={() => {
                              say(null);
                              setMerging(e);
                            }}
                            disabled={busy}
                            aria-label={t('catalog.mergeNamed', { name: name(e) })}
                            data-testid={`catalog-merge-${e.id}`}
                          >
                            {t('catalog.merge')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {draft && (
        <EntryDialog
          draft={draft}
          catalog={catalog}
          onClose={() => setDraft(null)}
          onSaved={async (saved) => {
            await reloadCatalog();
            setDraft(null);
            say(t('catalog.saved', { name: name(saved) }));
          }}
        />
      )}
      {retiring && (
        <RetireDialog
          kind={kind}
          entry={retiring}
          onClose={() => {
            // Cancel leaves the keyboard where it was.
            refocus.current = `catalog-retire-${retiring.id}`;
            setRetiring(null);
          }}
          onConfirm={() => {
            setRetiring(null);
            setRetired(retiring, true);
          }}
        />
      )}
      {merging && (
        <MergeDialog
          kind={kind}
          source={merging}
          entries={entries}
          onClose={() => setMerging(null)}
          onMerged={async (merge, target) => {
            await reloadCatalog();
            setMerging(null);
            const names = { source: name(merging), target: name(target) };
            say(kind === 'topicGroup' ? t('catalog.mergedGroup', names) : t('catalog.merged', { ...names, count: merge.contacts }));
          }}
        />
      )}
    </section>
  );
}
