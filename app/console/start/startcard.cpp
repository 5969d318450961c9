#include "startcard.h"

#include "common/presentation.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

StartCard::StartCard(const QString &title, const QString &linkText, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_count(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_empty(new QLabel(tr("Nothing here."), this))
    , m_link(new QLabel(u"<a href=\"all\">%1</a>"_s.arg(linkText.toHtmlEscaped()), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    QFont countFont = m_count->font();
    countFont.setPointSizeF(countFont.pointSizeF() * 1.8);
    countFont.setBold(true);
    m_count->setFont(countFont);
    m_count->setObjectName(u"cardCount"_s);
    m_count->setText(u"…"_s);
    m_list->setObjectName(u"cardList"_s);
    m_list->setAccessibleName(title);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setFixedHeight(5 * qMax(fontMetrics().height() + 10, 26) + 6);
    m_empty->setFixedHeight(m_list->height());
    m_empty->setAlignment(Qt::AlignCenter);
    // Three cards side by side fit beside the navigation at 1024 px; rows elide, with the whole
    // text in their tooltip.
    setMinimumWidth(200);
    m_list->setTextElideMode(Qt::ElideRight);
    m_title->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_empty->setEnabled(false);
    m_empty->hide();
    m_link->setObjectName(u"cardLink"_s);
    m_link->setAccessibleName(linkText);
    m_link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_link, 0, Qt::AlignRight);

    connect(m_link, &QLabel::linkActivated, this, &StartCard::showAll);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        const QString kind = item->data(Qt::UserRole + 1).toString();
        if (kind == u"subscription")
            emit openSubscription(id);
        else if (kind == u"search")
            emit openSearch(id);
        else
            emit openProcess(id);
    });
    connect(m_list, &QListWidget::itemClicked, m_list, &QListWidget::itemActivated);
}

void StartCard::setData(const CardData &data)
{
    if (!data.error.isEmpty()) {
        setUnavailable(data.error);
        return;
    }
    m_count->setText(data.countIsLowerBound ? u"%1+"_s.arg(data.count)
                                            : QString::number(data.count));
    m_count->setAccessibleName(m_count->text());
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const QJsonValue &value : data.rows) {
        const QJsonObject row = value.toObject();
        auto *item = new QListWidgetItem(m_list);
        const QString detail = row.value(u"detail").toString();
        item->setText(detail.isEmpty() ? row.value(u"text").toString()
                                       : u"%1  ·  %2"_s.arg(row.value(u"text").toString(), detail));
        item->setToolTip(item->text());
        item->setIcon(statusIcon(row.value(u"status").toString()));
        item->setData(Qt::UserRole, row.value(u"id").toString());
        item->setData(Qt::UserRole + 1, row.value(u"kind").toString());
        if (item->data(Qt::UserRole).toString() == current)
            m_list->setCurrentItem(item);
    }
    m_empty->setVisible(data.rows.isEmpty());
    m_list->setVisible(!data.rows.isEmpty());
}

void StartCard::setUnavailable(const QString &message)
{
    m_count->setText(u"–"_s);
    m_list->clear();
    m_list->hide();
    m_empty->setText(message);
    m_empty->show();
}

QString StartCard::title() const
{
    return m_title->text();
}

} // namespace wfo::console
