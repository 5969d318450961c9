#include "commandpalette.h"

#include "common/consolecontext.h"
#include "common/presentation.h"

#include "queries/processdetail.h"
#include "queries/processpages.h"
#include "queries/subscriptionpages.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

// What the database says for one text: subscriptions and processes.
struct Found
{
    QJsonArray subscriptions; // rows of SubscriptionPageQuery
    QList<store::ProcessRecord> processes;
};

constexpr int MaxPerKind = 8;

} // namespace

CommandPalette::CommandPalette(ConsoleContext *context, const QStringList &screens, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_screens(screens)
    , m_search(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_lookUp(new QTimer(this))
{
    setObjectName(u"commandPalette"_s);
    setWindowTitle(tr("Go to"));
    m_search->setObjectName(u"paletteSearch"_s);
    m_search->setPlaceholderText(
        tr("Subscription, process id, workflow or screen (customer:acme, status:active …)"));
    m_search->setAccessibleName(tr("Go to"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_results->setObjectName(u"paletteResults"_s);
    m_results->setAccessibleName(tr("Places to go to"));
    m_results->setUniformItemSizes(true);
    m_results->setTextElideMode(Qt::ElideMiddle);
    m_results->setHorizontalScrollBarPolicy(
        Qt::ScrollBarAlwaysOff); // elide, the tooltip has it all
    auto *hint = new QLabel(tr("Enter opens · ↑↓ choose · Esc closes"), this);
    hint->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(hint);
    resize(560, 380);

    m_lookUp->setSingleShot(true);
    m_lookUp->setInterval(150);
    connect(m_lookUp, &QTimer::timeout, this, &CommandPalette::lookUp);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_settled = false;
        filterLocal();
        m_lookUp->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { activate(m_results->currentItem()); });
    connect(m_results, &QListWidget::itemActivated, this, &CommandPalette::activate);
    connect(m_results, &QListWidget::itemClicked, this, &CommandPalette::activate);
    filterLocal();
}

void CommandPalette::addItem(Kind kind, const QString &id, const QString &text,
                             const QString &detail)
{
    static const QHash<Kind, const char *> prefixes {
        {Kind::Screen, QT_TR_NOOP("Screen")},
        {Kind::Subscription, QT_TR_NOOP("Subscription")},
        {Kind::Process, QT_TR_NOOP("Process")},
        {Kind::Workflow, QT_TR_NOOP("Workflow")},
    };
    QString line = tr("%1: %2").arg(tr(prefixes.value(kind)), text);
    if (!detail.isEmpty())
        line += u" — "_s + detail;
    auto *item = new QListWidgetItem(line, m_results);
    item->setData(KindRole, int(kind));
    item->setData(IdRole, id);
    item->setToolTip(line);
    if (!m_results->currentItem())
        m_results->setCurrentItem(item);
}

// Screens and workflows: known without the database, so they show at once.
void CommandPalette::filterLocal()
{
    m_results->clear();
    const QString text = m_search->text().trimmed();
    for (qsizetype i = 0; i < m_screens.size(); ++i) {
        if (text.isEmpty() || m_screens.at(i).contains(text, Qt::CaseInsensitive))
            addItem(Kind::Screen, QString::number(i), m_screens.at(i));
    }
    if (text.isEmpty())
        return;
    int workflows = 0;
    for (const WorkflowPtr &workflow : m_context->engine()->registry()->all()) {
        if (workflows >= MaxPerKind)
            break;
        if (workflow->name().contains(text, Qt::CaseInsensitive)
            || workflow->description().contains(text, Qt::CaseInsensitive)) {
            addItem(Kind::Workflow, workflow->name(), workflow->description(), workflow->name());
            ++workflows;
        }
    }
}

void CommandPalette::lookUp()
{
    const QString text = m_search->text().trimmed();
    const quint64 generation = ++m_generation;
    if (text.isEmpty()) {
        m_settled = true;
        emit settled();
        return;
    }
    m_context->query(
        this,
        [text](const store::Database &database) {
            Found found;
            // An id (or its first characters, as lists show them) finds its process; other
            // text is a workflow's name.
            const bool uuid = !QUuid::fromString(text).isNull();
            if (uuid) {
                if (auto detail = queries::ProcessDetailQuery::load(database, text))
                    found.processes.append(detail->process);
            } else {
                queries::ProcessFilter filter;
                filter.workflow = text;
                filter.limit = MaxPerKind;
                found.processes = queries::ProcessPageQuery::page(database, filter);
            }
            queries::SubscriptionFilter filter;
            filter.search = text;
            filter.limit = MaxPerKind;
            try {
                found.subscriptions = queries::SubscriptionPageQuery::page(database, filter);
            } catch (const store::StoreError &) {
                // Text the search syntax refuses (an unknown field) finds no subscription.
            }
            return found;
        },
        [this, generation](const QueryResult<Found> &result) {
            if (generation != m_generation)
                return;
            if (result.ok()) {
                for (const QJsonValue &value : result.value.subscriptions) {
                    const QJsonObject row = value.toObject();
                    addItem(Kind::Subscription, row.value(u"subscription_id").toString(),
                            row.value(u"description").toString(),
                            tr("%1, customer %2")
                                .arg(statusText(row.value(u"status").toString()),
                                     row.value(u"customer_id").toString()));
                }
                for (const store::ProcessRecord &p : result.value.processes)
                    addItem(Kind::Process, p.id, p.workflowName,
                            tr("%1, %2").arg(displayName(p.status), formatTime(p.lastModifiedAt)));
            }
            m_settled = true;
            emit settled();
        });
}

void CommandPalette::activate(QListWidgetItem *item)
{
    if (!item)
        return;
    const auto kind = Kind(item->data(KindRole).toInt());
    const QString id = item->data(IdRole).toString();
    accept();
    emit chosen(kind, id);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int row = m_results->currentRow() + (key->key() == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_results->count())
                m_results->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace wfo::console
