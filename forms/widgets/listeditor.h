#pragma once
// A repeatable list: one item editor per row with a Remove button, and an Add button below.
// Add is disabled at the maximum number of items, Remove at the minimum.

#include "fieldeditor.h"

#include <QList>

class QPushButton;
class QVBoxLayout;

namespace wfo::forms {

class ListEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListEditor)

public:
    ListEditor(const Field &field, const QString &objectName, PickerProvider *provider,
               QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

    QList<QWidget *> focusChain() const override;

    int count() const { return int(m_rows.size()); }
    void addItem();
    void removeItem(int index);

private:
    struct Row
    {
        QWidget *container = nullptr;
        FieldEditor *editor = nullptr;
        QPushButton *remove = nullptr;
    };
    void rebuild(const QJsonArray &values);
    void updateButtons();

    PickerProvider *m_provider;
    QVBoxLayout *m_rowsLayout;
    QPushButton *m_add;
    QList<Row> m_rows;
};

} // namespace wfo::forms
