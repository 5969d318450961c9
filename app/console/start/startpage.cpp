#include "startpage.h"

#include "common/consolecontext.h"
#include "common/presentation.h"

#include "queries/startcards.h"

#include <QCoreApplication>
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
                              const QString &page, int tab)
{
    auto *card = new StartCard(title, linkText, this);
    card->setObjectName(objectName);
    const int index = int(m_cards.size());
    m_grid->addWidget(card, index / 3, index % 3, Qt::AlignTop);
    m_grid->setRowStretch(index / 3 + 1, 1);
    m_grid->setRowStretch(index / 3, 0);
    m_cards.append({card, loader});
    connect(card, &StartCard::openProcess, m_context, &ConsoleContext::openProcessRequested);
    connect(card, &StartCard::openSubscription, m_context,
            &ConsoleContext::openSubscriptionRequested);
    connect(card, &StartCard::showAll, this,
            [this, page, tab] { emit showListRequested(page, tab); });
    if (isVisible())
        refresh();
    return card;
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
}

void StartPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace wfo::console
