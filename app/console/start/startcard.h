#pragma once
// One card of the start page: a title, a count, a few rows (each opening a process or a
// subscription) and a link to the full list.

#include <QFrame>
#include <QJsonArray>

class QLabel;
class QListWidget;

namespace wfo::console {

struct CardData
{
    qint64 count = 0;
    bool countIsLowerBound = false; // "1000+"
    // Rows: {id, kind ("process", "subscription" or "search": id is a subscription search),
    // text, detail, status}
    QJsonArray rows;
    QString error;
};

class StartCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartCard)

public:
    StartCard(const QString &title, const QString &linkText, QWidget *parent = nullptr);

    void setData(const CardData &data);
    void setUnavailable(const QString &message);
    QListWidget *list() const { return m_list; }
    QLabel *countLabel() const { return m_count; }
    QString title() const;

signals:
    void openProcess(const QString &id);
    void openSubscription(const QString &id);
    void openSearch(const QString &search);
    void showAll();

private:
    QLabel *m_title;
    QLabel *m_count;
    QListWidget *m_list;
    QLabel *m_empty;
    QLabel *m_link;
};

} // namespace wfo::console
