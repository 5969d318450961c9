#include "listeditor.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::forms {

ListEditor::ListEditor(const Field &field, const QString &objectName, PickerProvider *provider,
                       QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_provider(provider)
    , m_rowsLayout(new QVBoxLayout)
    , m_add(new QPushButton(tr("Add"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    layout->addLayout(buttons);
    adopt(m_add, u"add"_s, tr("Add an item to %1").arg(field.labelText()));
    m_add->setEnabled(!field.isReadOnly());
    connect(m_add, &QPushButton::clicked, this, [this] {
        addItem();
        if (!m_rows.isEmpty() && m_rows.last().editor->focusTarget())
            m_rows.last().editor->focusTarget()->setFocus(Qt::TabFocusReason);
        emit edited();
    });

    QJsonArray initial = field.defaultValue().value_or(QJsonValue()).toArray();
    while (initial.size() < field.minItems().value_or(0))
        initial.append(QJsonValue());
    // The first row's editor is what the row label points at; before any row exists, "Add".
    rebuild(initial);
}

QJsonValue ListEditor::value() const
{
    QJsonArray values;
    for (const Row &row : m_rows) {
        const QJsonValue value = row.editor->value();
        values.append(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
    }
    return values;
}

void ListEditor::setValue(const QJsonValue &value)
{
    QJsonArray values = value.toArray();
    while (values.size() < field().minItems().value_or(0))
        values.append(QJsonValue());
    rebuild(values);
}

void ListEditor::addItem()
{
    QJsonArray values = value().toArray();
    values.append(QJsonValue());
    rebuild(values);
}

void ListEditor::removeItem(int index)
{
    QJsonArray values = value().toArray();
    if (index < 0 || index >= values.size())
        return;
    values.removeAt(index);
    rebuild(values);
    emit edited();
}

// Rows are rebuilt rather than patched so names ("<name>_<index>") always match positions.
void ListEditor::rebuild(const QJsonArray &values)
{
    for (const Row &row : std::as_const(m_rows))
        delete row.container;
    m_rows.clear();
    const Field item = *field().itemField();
    for (qsizetype i = 0; i < values.size(); ++i) {
        Row row;
        row.container = new QWidget(this);
        auto *layout = new QHBoxLayout(row.container);
        layout->setContentsMargins(0, 0, 0, 0);
        row.editor = createFieldEditor(item, baseName() + u'_' + QString::number(i), m_provider,
                                       row.container);
        if (!values.at(i).isNull())
            row.editor->setValue(values.at(i));
        if (QWidget *target = row.editor->focusTarget())
            target->setAccessibleName(tr("%1, item %2").arg(field().labelText()).arg(i + 1));
        row.remove = new QPushButton(tr("Remove"), row.container);
        row.remove->setObjectName(baseName() + u"_remove_"_s + QString::number(i));
        row.remove->setAccessibleName(tr("Remove item %1").arg(i + 1));
        layout->addWidget(row.editor, 1);
        layout->addWidget(row.remove);
        connect(row.editor, &FieldEditor::edited, this, &FieldEditor::edited);
        // Queued: the button that was clicked is deleted by the rebuild.
        connect(
            row.remove, &QPushButton::clicked, this, [this, i] { removeItem(int(i)); },
            Qt::QueuedConnection);
        m_rowsLayout->addWidget(row.container);
        m_rows.append(row);
    }
    updateButtons();
    setFocusTarget(m_rows.isEmpty() ? m_add : m_rows.first().editor->focusTarget());
    emit focusChainChanged();
}

QList<QWidget *> ListEditor::focusChain() const
{
    QList<QWidget *> chain;
    for (const Row &row : m_rows) {
        chain.append(row.editor->focusChain());
        chain.append(row.remove);
    }
    chain.append(m_add);
    return chain;
}

void ListEditor::updateButtons()
{
    const int count = int(m_rows.size());
    const bool editable = !field().isReadOnly();
    m_add->setEnabled(editable && (!field().maxItems() || count < *field().maxItems()));
    for (const Row &row : std::as_const(m_rows))
        row.remove->setEnabled(editable && count > field().minItems().value_or(0));
}

} // namespace wfo::forms
