#include "formpagewidget.h"

#include "fieldeditor.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::forms {

FormPageWidget::FormPageWidget(const FormPage &page, PickerProvider *provider, QWidget *parent)
    : QWidget(parent)
    , m_page(page)
{
    // The rows keep their own heights from the top; the room a tall dialog has to spare goes
    // below the last one, so that a summary table or a note never floats in the middle.
    auto *outer = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(form);
    outer->addStretch(1);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    for (const Field &field : page.fields()) {
        Row row;
        row.editor = createFieldEditor(field, field.name(), provider, this);
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(row.editor);
        row.error = new QLabel(cell);
        row.error->setObjectName(field.name() + u"_error"_s);
        row.error->setWordWrap(true);
        row.error->setStyleSheet(u"color: #c0392b;"_s);
        row.error->setVisible(false);
        cellLayout->addWidget(row.error);
        if (!field.descriptionText().isEmpty() && row.editor->collectsInput()) {
            auto *hint = new QLabel(field.descriptionText(), cell);
            hint->setObjectName(field.name() + u"_description"_s);
            hint->setWordWrap(true);
            hint->setEnabled(false); // greyed out: secondary text
            cellLayout->addWidget(hint);
        }
        if (field.type() == FieldType::Hidden) {
            cell->setVisible(false);
        } else if (row.editor->wantsRowLabel()) {
            row.label = new QLabel(field.labelText() + u':', this);
            row.label->setObjectName(field.name() + u"_label"_s);
            row.label->setBuddy(row.editor);
            if (field.isRequired())
                row.label->setToolTip(tr("Required"));
            form->addRow(row.label, cell);
        } else if (field.isDisplayOnly()) {
            form->addRow(cell); // spans the label column too
        } else {
            form->addRow(QString(), cell); // aligned with the other fields
        }
        // An error is about the value it was given: once the value changes it no longer holds.
        QLabel *error = row.error;
        connect(row.editor, &FieldEditor::edited, this, [this, error] {
            m_modified = true;
            error->clear();
            error->setVisible(false);
            emit modified();
        });
        connect(row.editor, &FieldEditor::focusChainChanged, this,
                &FormPageWidget::focusChainChanged);
        m_index.insert(field.name(), m_rows.size());
        m_rows.append(row);
    }
}

QJsonObject FormPageWidget::values() const
{
    QJsonObject values;
    for (const Row &row : m_rows) {
        if (!row.editor->collectsInput())
            continue;
        const QJsonValue value = row.editor->value();
        if (!value.isUndefined())
            values.insert(row.editor->field().name(), value);
    }
    return values;
}

void FormPageWidget::setValues(const QJsonObject &values)
{
    for (const Row &row : std::as_const(m_rows)) {
        const QString name = row.editor->field().name();
        if (row.editor->collectsInput() && values.contains(name))
            row.editor->setValue(values.value(name));
    }
}

FieldEditor *FormPageWidget::editor(const QString &fieldName) const
{
    const qsizetype index = m_index.value(fieldName, -1);
    return index < 0 ? nullptr : m_rows.at(index).editor;
}

QString FormPageWidget::describe(const ValidationError &error) const
{
    const Field *field = m_page.field(error.field());
    QStringList where;
    for (qsizetype i = 1; i < error.loc.size(); ++i) {
        const QJsonValue step = error.loc.at(i);
        where.append(step.isDouble() ? tr("item %1").arg(step.toInt() + 1) : step.toString());
    }
    const QString message = where.isEmpty() ? error.msg : where.join(u", "_s) + u": "_s + error.msg;
    return field ? message : error.msg;
}

QStringList FormPageWidget::showErrors(const ValidationErrors &errors)
{
    clearErrors();
    QHash<QString, QStringList> byField;
    QStringList lines;
    for (const ValidationError &error : errors) {
        const Field *field = m_page.field(error.field());
        const QString text = describe(error);
        if (!field || !m_index.contains(field->name())) {
            lines.append(error.msg);
            continue;
        }
        byField[field->name()].append(text);
        lines.append(field->labelText() + u": "_s + text);
    }
    for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
        const Row &row = m_rows.at(m_index.value(it.key()));
        const QString text = it.value().join(u'\n');
        row.error->setText(text);
        row.error->setVisible(true);
        if (QWidget *target = row.editor->focusTarget())
            target->setAccessibleDescription(text);
    }
    return lines;
}

void FormPageWidget::clearErrors()
{
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.error->isVisible() && row.error->text().isEmpty())
            continue;
        row.error->clear();
        row.error->setVisible(false);
        if (QWidget *target = row.editor->focusTarget())
            target->setAccessibleDescription(row.editor->field().descriptionText());
    }
}

QString FormPageWidget::errorText(const QString &fieldName) const
{
    const qsizetype index = m_index.value(fieldName, -1);
    return index < 0 ? QString() : m_rows.at(index).error->text();
}

QList<QWidget *> FormPageWidget::focusChain() const
{
    QList<QWidget *> chain;
    for (const Row &row : m_rows)
        chain.append(row.editor->focusChain());
    return chain;
}

bool FormPageWidget::focusFirstError()
{
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.error->text().isEmpty() && row.editor->focusTarget()) {
            row.editor->focusTarget()->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return false;
}

} // namespace wfo::forms
