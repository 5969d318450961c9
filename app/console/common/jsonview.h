#pragma once
// A JSON object shown two ways: an expandable tree (key, value) and the raw, indented JSON text.

#include <QJsonObject>
#include <QWidget>

class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace wfo::console {

class JsonView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonView)

public:
    explicit JsonView(QWidget *parent = nullptr);

    void setJson(const QJsonObject &object);
    QJsonObject json() const { return m_object; }
    QTreeWidget *tree() const { return m_tree; }
    QPlainTextEdit *text() const { return m_text; }

private:
    void addValue(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value);

    QJsonObject m_object;
    QTabWidget *m_tabs;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_text;
};

} // namespace wfo::console
