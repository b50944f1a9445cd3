import { useTranslation } from 'react-i18next';

/** Which page of a list is showing, when the list has more than one: a person waits for theirs to come round. */
export function PageMarker({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation('board');
  if (pages <= 1) return null;
  return (
    <span className="board-page" data-testid="board-page">
      {t('page', { page: page + 1, pages })}
    </span>
  );
}
