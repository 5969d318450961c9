#pragma once
// The start page: cards for my recent processes, active processes, failed tasks, out-of-sync
// subscriptions and the latest subscriptions, each with its count, a few rows and a link to
// the full list. All cards load on the query pool and refresh live while the page is shown.

#include "startcard.h"

#include "queries/startcards.h"

#include <QList>
#include <QWidget>

#include <functional>

class QGridLayout;
class QLabel;

namespace wfo::store {
class Database;
}

namespace wfo::console {

class ConsoleContext;

class StartPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartPage)

public:
    // Runs on the query pool; the page formats what it returns.
    using CardLoader = std::function<queries::StartCardSnapshot(const store::Database &database)>;

    explicit StartPage(ConsoleContext *context, QWidget *parent = nullptr);

    // A card; `objectName` names it for tests; `page`/`tab` is where "show all" goes.
    StartCard *addCard(const QString &objectName, const QString &title, const QString &linkText,
                       const CardLoader &loader, const QString &page, int tab = 0);
    StartCard *card(const QString &objectName) const;

public slots:
    void refresh();

signals:
    void showListRequested(const QString &page, int tab);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Card
    {
        StartCard *card;
        CardLoader loader;
    };
    ConsoleContext *m_context;
    QGridLayout *m_grid;
    QList<Card> m_cards;
    quint64 m_generation = 0;
};

// The process cards, over the engine's store (they need no domain).
StartPage::CardLoader myRecentProcessesLoader(const QString &actor);
StartPage::CardLoader activeProcessesLoader();
StartPage::CardLoader failedTasksLoader();

} // namespace wfo::console
