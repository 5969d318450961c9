#include "startpage.h"

#include "common/consolecontext.h"
#include "common/presentation.h"

#include "store/processrepository.h"

#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

constexpr int RowsPerCard = 5;
constexpr int CountWindow = 1000; // counts above this show as "1000+"

QJsonObject processRow(const store::ProcessRecord &p)
{
    return {{u"id"_s, p.id},
            {u"kind"_s, u"process"_s},
            {u"text"_s, p.workflowName},
            {u"detail"_s, u"%1 · %2"_s.arg(displayName(p.status), formatTime(p.lastModifiedAt))},
            {u"status"_s, toText(p.status)}};
}

CardData processCard(const store::Database &database, store::ProcessFilter filter,
                     const QString &createdBy = {})
{
    filter.limit = CountWindow + 1;
    CardData data;
    for (const store::ProcessRecord &p : store::ProcessRepository(database).list(filter)) {
        if (!createdBy.isEmpty() && p.createdBy != createdBy)
            continue;
        ++data.count;
        if (data.rows.size() < RowsPerCard)
            data.rows.append(processRow(p));
    }
    if (data.count > CountWindow) {
        data.count = CountWindow;
        data.countIsLowerBound = true;
    }
    return data;
}

} // namespace

StartPage::CardLoader myRecentProcessesLoader(const QString &actor)
{
    return [actor](const store::Database &database) {
        return processCard(database, store::ProcessFilter(), actor);
    };
}

StartPage::CardLoader activeProcessesLoader()
{
    return [](const store::Database &database) {
        store::ProcessFilter filter;
        filter.statuses = activeProcessStatuses();
        filter.isTask = false;
        return processCard(database, filter);
    };
}

StartPage::CardLoader failedTasksLoader()
{
    return [](const store::Database &database) {
        store::ProcessFilter filter;
        filter.statuses = {u"failed"_s, u"api_unavailable"_s, u"inconsistent_data"_s, u"waiting"_s};
        filter.isTask = true;
        return processCard(database, filter);
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
        m_context->query(card, c.loader, [this, card, generation](const QueryResult<CardData> &r) {
            if (generation != m_generation)
                return;
            if (!r.ok())
                card->setUnavailable(r.error);
            else
                card->setData(r.value);
        });
    }
}

void StartPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace wfo::console
