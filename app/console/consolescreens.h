#pragma once
// What a part of the console that is not always there (the domain screens, a pack's own
// screens) contributes to the main window: the Subscriptions page and the detail it opens,
// start-page cards and Metadata tables. The part fills a ConsoleScreens; MainWindow::install()
// reads it. Contributors translate their titles in their own tr() context, so lupdate sees them.

#include "metadata/metadatapage.h"
#include "start/startpage.h"

#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace wfo::console {

class ConsoleScreens final
{
public:
    // The Subscriptions page, the detail it opens and the actions that reach into them.
    // The main window takes the widgets into its stack.
    struct Subscriptions
    {
        QWidget *page = nullptr;
        QWidget *detail = nullptr;
        std::function<void(const QString &subscriptionId)> open; // fills `detail`
        std::function<void()> focusSearch; // Ctrl+F, with `page` shown
        std::function<void(QWidget *parent)> newSubscription; // Ctrl+N
        // Shows the list on a tab (SubscriptionsPage::Tab) with a search (start page links).
        std::function<void(const QString &search, int tab)> search = nullptr;
    };

    struct StartCard
    {
        QString objectName; // for tests and style sheets
        QString title;
        QString linkText; // "show all"
        StartPage::CardLoader loader;
        QString page; // where "show all" goes: "processes", "tasks" or "subscriptions"
        int tab = 0;
        QString search = QString(); // typed into the subscriptions' search box by "show all"
    };

    struct MetadataTable
    {
        QString objectName;
        QString title;
        QList<JsonTable::Column> columns;
        MetadataPage::Loader loader;
    };

    void setSubscriptions(const Subscriptions &subscriptions) { m_subscriptions = subscriptions; }
    void addStartCard(const StartCard &card) { m_startCards.append(card); }
    void addMetadataTable(const MetadataTable &table) { m_metadataTables.append(table); }

    const Subscriptions &subscriptions() const { return m_subscriptions; }
    const QList<StartCard> &startCards() const { return m_startCards; }
    const QList<MetadataTable> &metadataTables() const { return m_metadataTables; }

private:
    Subscriptions m_subscriptions;
    QList<StartCard> m_startCards;
    QList<MetadataTable> m_metadataTables;
};

} // namespace wfo::console
