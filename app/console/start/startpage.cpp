#include "startpage.h"

#include "common/consolecontext.h"
#include "common/presentation.h"
#include "processchart.h"

#include "queries/startcards.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

// The card's rows as the card shows them: formatted here, on the GUI side of the query.
CardData present(const queries::StartCardSnapshot &snapshot)
{
    CardData data;
    data.count = snapshot.count;
    data.countIsLowerBound = snapshot.countIsLowerBound;
    for (const queries::StartCardItem &item : snapshot.items) {
        if (item.kind == queries::StartCardItem::Kind::Product) {
            // The row opens the subscriptions of the product; the search names it exactly.
            QString name = item.text;
            name.remove(u'"');
            data.rows.append(
                QJsonObject {{u"id"_s, u"product:\"%1\""_s.arg(name)},
                             {u"kind"_s, u"search"_s},
                             {u"text"_s, item.text},
                             {u"detail"_s,
                              QCoreApplication::translate("wfo::console::StartPage", "%n active",
                                                          nullptr, int(item.count))},
                             {u"status"_s, item.count > 0 ? u"active"_s : u"disabled"_s}});
            continue;
        }
        const bool isProcess = item.kind == queries::StartCardItem::Kind::Process;
        const QString status = statusText(item.status);
        // A process says which subscription (and customer) it works on.
        QString text = item.text;
        if (isProcess && !item.subscription.isEmpty())
            text = QCoreApplication::translate("wfo::console::StartPage", "%1 · %2")
                       .arg(item.text, item.subscription);
        if (isProcess && !item.customer.isEmpty())
            text += u" ("_s + item.customer + u')';
        data.rows.append(
            QJsonObject {{u"id"_s, item.id},
                         {u"kind"_s, isProcess ? u"process"_s : u"subscription"_s},
                         {u"text"_s, text},
                         {u"detail"_s, u"%1 · %2"_s.arg(status, formatTime(item.lastModifiedAt))},
                         // An out-of-sync subscription is marked like a failure.
                         {u"status"_s, isProcess || item.insync ? item.status : u"failed"_s}});
    }
    return data;
}

} // namespace

StartPage::CardLoader myRecentProcessesLoader(const QString &actor)
{
    return [actor](const store::Database &database) {
        return queries::StartCardQuery::processes(
            database, queries::StartCardQuery::myRecentProcesses(actor));
    };
}

StartPage::CardLoader activeProcessesLoader()
{
    return [](const store::Database &database) {
        return queries::StartCardQuery::processes(database,
                                                  queries::StartCardQuery::activeProcesses());
    };
}

StartPage::CardLoader failedTasksLoader()
{
    return [](const store::Database &database) {
        return queries::StartCardQuery::processes(database, queries::StartCardQuery::failedTasks());
    };
}

StartPage::CardLoader productsLoader()
{
    return [](const store::Database &database) {
        return queries::StartCardQuery::products(database);
    };
}

StartPage::StartPage(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_grid(new QGridLayout)
{
    setObjectName(u"startPage"_s);
    auto *title = new QLabel(tr("Welcome, %1").arg(context->actor()), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    auto *inner = new QWidget(this);
    inner->setLayout(m_grid);
    m_grid->setSpacing(12);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(scroll, 1);
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
}

StartCard *StartPage::addCard(const QString &objectName, const QString &title,
                              const QString &linkText, const CardLoader &loader,
                              const QString &page, int tab, const QString &search)
{
    auto *card = new StartCard(title, linkText, this);
    card->setObjectName(objectName);
    placeInGrid(card);
    m_cards.append({card, loader});
    connect(card, &StartCard::openProcess, m_context, &ConsoleContext::openProcessRequested);
    connect(card, &StartCard::openSubscription, m_context,
            &ConsoleContext::openSubscriptionRequested);
    connect(card, &StartCard::openSearch, this,
            [this](const QString &query) { emit searchSubscriptionsRequested(query, 0); });
    connect(card, &StartCard::showAll, this, [this, page, tab, search] {
        if (!search.isEmpty())
            emit searchSubscriptionsRequested(search, tab);
        else
            emit showListRequested(page, tab);
    });
    if (isVisible())
        refresh();
    return card;
}

void StartPage::placeInGrid(QWidget *widget, int columns)
{
    if (m_cells % 3 + columns > 3)
        m_cells += 3 - m_cells % 3; // to the next row
    const int index = m_cells;
    m_cells += columns;
    m_grid->addWidget(widget, index / 3, index % 3, 1, columns, Qt::AlignTop);
    m_grid->setRowStretch(index / 3 + 1, 1);
    m_grid->setRowStretch(index / 3, 0);
}

ProcessChart *StartPage::addProcessChart(int days)
{
    m_chart = new ProcessChart(days, this);
    m_chart->setObjectName(u"processChart"_s);
    placeInGrid(m_chart, 2);
    if (isVisible())
        refresh();
    return m_chart;
}

StartCard *StartPage::card(const QString &objectName) const
{
    for (const Card &c : m_cards) {
        if (c.card->objectName() == objectName)
            return c.card;
    }
    return nullptr;
}

void StartPage::refresh()
{
    const quint64 generation = ++m_generation;
    for (const Card &c : m_cards) {
        StartCard *card = c.card;
        m_context->query(
            card, c.loader,
            [this, card, generation](const QueryResult<queries::StartCardSnapshot> &r) {
                if (generation != m_generation)
                    return;
                if (!r.ok())
                    card->setUnavailable(r.error);
                else
                    card->setData(present(r.value));
            });
    }
    if (m_chart) {
        const int days = m_chart->days();
        const QDate today = QDateTime::currentDateTimeUtc().date();
        m_context->query(
            m_chart,
            [today, days](const store::Database &database) {
                return queries::StartCardQuery::processesPerDay(database, today, days);
            },
            [this, generation](const QueryResult<queries::ProcessesPerDay> &r) {
                if (generation != m_generation)
                    return;
                if (!r.ok())
                    m_chart->setUnavailable(r.error);
                else
                    m_chart->setData(r.value);
            });
    }
}

void StartPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace wfo::console
