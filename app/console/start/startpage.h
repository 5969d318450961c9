#pragma once
// The start page: cards for my recent processes, active processes, failed tasks, out-of-sync,
// active and latest subscriptions and products, each with its count, a few rows and a link to
// the full list, and a chart of processes per day and status. All load on the query pool and
// refresh live while the page is shown.

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
class ProcessChart;

class StartPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartPage)

public:
    // Runs on the query pool; the page formats what it returns.
    using CardLoader = std::function<queries::StartCardSnapshot(const store::Database &database)>;

    explicit StartPage(ConsoleContext *context, QWidget *parent = nullptr);

    // A card; `objectName` names it for tests; `page`/`tab` is where "show all" goes, with
    // `search` typed into the subscriptions' search box.
    StartCard *addCard(const QString &objectName, const QString &title, const QString &linkText,
                       const CardLoader &loader, const QString &page, int tab = 0,
                       const QString &search = QString());
    StartCard *card(const QString &objectName) const;
    // The chart of processes per day and status, two cells wide, from the next row with room.
    ProcessChart *addProcessChart(int days = 7);
    ProcessChart *processChart() const { return m_chart; }

public slots:
    void refresh();

signals:
    void showListRequested(const QString &page, int tab);
    // A row or link that opens the subscriptions list with a search (a product's row).
    void searchSubscriptionsRequested(const QString &search, int tab);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void placeInGrid(QWidget *widget, int columns = 1);

    struct Card
    {
        StartCard *card;
        CardLoader loader;
    };
    ConsoleContext *m_context;
    QGridLayout *m_grid;
    QList<Card> m_cards;
    ProcessChart *m_chart = nullptr;
    int m_cells = 0; // grid cells taken (cards and the chart)
    quint64 m_generation = 0;
};

// The process cards, over the engine's store (they need no domain).
StartPage::CardLoader myRecentProcessesLoader(const QString &actor);
StartPage::CardLoader activeProcessesLoader();
StartPage::CardLoader failedTasksLoader();
// Products with their numbers of active subscriptions (rows open the list searched for them).
StartPage::CardLoader productsLoader();

} // namespace wfo::console
