#include "fieldeditor.h"

#include "choiceeditors.h"
#include "displayeditors.h"
#include "listeditor.h"
#include "pickereditors.h"
#include "texteditors.h"

using namespace Qt::StringLiterals;

namespace wfo::forms {

FieldEditor::FieldEditor(const Field &field, const QString &objectName, QWidget *parent)
    : QWidget(parent)
    , m_field(field)
    , m_baseName(objectName)
{
    setObjectName(objectName + u"_editor"_s);
}

QString FieldEditor::partName(const QString &part) const
{
    return part.isEmpty() ? m_baseName : m_baseName + u'_' + part;
}

void FieldEditor::setFocusTarget(QWidget *widget)
{
    m_focusTarget = widget;
    setFocusProxy(widget);
}

QList<QWidget *> FieldEditor::focusChain() const
{
    // Only the widgets the editor adopted: not the inner parts of composite widgets, nor the
    // pop-ups of combo boxes (which are windows of their own).
    QList<QWidget *> chain;
    for (const QPointer<QWidget> &part : m_parts) {
        if (part && (part->focusPolicy() & Qt::TabFocus))
            chain.append(part);
    }
    return chain;
}

void FieldEditor::adopt(QWidget *widget, const QString &part, const QString &accessibleName)
{
    widget->setObjectName(partName(part));
    m_parts.append(widget);
    widget->setAccessibleName(accessibleName.isEmpty() ? m_field.labelText() : accessibleName);
    if (!m_field.descriptionText().isEmpty())
        widget->setAccessibleDescription(m_field.descriptionText());
    if (!m_focusTarget && widget->focusPolicy() != Qt::NoFocus)
        setFocusTarget(widget);
}

FieldEditor *createFieldEditor(const Field &field, const QString &objectName,
                               PickerProvider *provider, QWidget *parent)
{
    switch (field.type()) {
    case FieldType::Text:
    case FieldType::Integer:
    case FieldType::Number:
    case FieldType::IpAddress:
    case FieldType::IpPrefix:
    case FieldType::VlanRanges:
    case FieldType::Uuid:
        return new LineEditor(field, objectName, parent);
    case FieldType::LongText:
        return new LongTextEditor(field, objectName, parent);
    case FieldType::Timestamp:
    case FieldType::Date:
        return new DateTimeEditor(field, objectName, parent);
    case FieldType::Boolean:
        return new BooleanEditor(field, objectName, parent);
    case FieldType::Choice:
        return new ChoiceEditor(field, objectName, parent);
    case FieldType::MultiChoice:
        return new MultiChoiceEditor(field, objectName, parent);
    case FieldType::Accept:
        return new AcceptEditor(field, objectName, parent);
    case FieldType::List:
        return new ListEditor(field, objectName, provider, parent);
    case FieldType::Customer:
    case FieldType::Product:
    case FieldType::Subscription:
        if (provider && !field.isReadOnly())
            return new PickerEditor(field, objectName, provider, parent);
        return new LineEditor(field, objectName, parent);
    case FieldType::ContactPerson:
        return new ContactPersonEditor(field, objectName, parent);
    case FieldType::Label:
    case FieldType::Divider:
    case FieldType::Markdown:
    case FieldType::Callout:
    case FieldType::Summary:
    case FieldType::ReadOnly:
    case FieldType::Hidden:
        return new DisplayEditor(field, objectName, parent);
    }
    return new DisplayEditor(field, objectName, parent);
}

} // namespace wfo::forms
