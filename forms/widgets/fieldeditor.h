#pragma once
// The widget for one field of a form page. Each field type has its own subclass; the page
// widget only speaks this interface: read and write the value as JSON, find the widget that
// takes focus (the label's buddy), and hear when the operator changed something.
// Widgets inside an editor are named after the field (objectName), so tests and accessibility
// tools find them: "<name>" for the main widget, "<name>_<part>" for the others.

#include "forms/core/field.h"
#include "wfo_formwidgets_export.h"

#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QWidget>

namespace wfo::forms {

class PickerProvider;

class WFO_FORMWIDGETS_EXPORT FieldEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldEditor)

public:
    FieldEditor(const Field &field, const QString &objectName, QWidget *parent);

    const Field &field() const { return m_field; }
    QString baseName() const { return m_baseName; }

    virtual QJsonValue value() const = 0;
    virtual void setValue(const QJsonValue &value) = 0;
    // Whether value() belongs in the page's answers (false for display-only elements).
    virtual bool collectsInput() const { return !m_field.isDisplayOnly(); }
    // Whether the page shows the field's label beside the editor (check boxes carry their own).
    virtual bool wantsRowLabel() const { return true; }

    // The widget a label's buddy and "go to error" point at.
    QWidget *focusTarget() const { return m_focusTarget; }
    // The widgets Tab visits, in order.
    virtual QList<QWidget *> focusChain() const;

signals:
    void edited();
    // Widgets were added or removed (a list grew or shrank): the tab order needs renewing.
    void focusChainChanged();

protected:
    // Names the widget "<name>" (empty part) or "<name>_<part>", sets its accessible name.
    void adopt(QWidget *widget, const QString &part = {}, const QString &accessibleName = {});
    // Also the editor's focus proxy, so a label's buddy can be the editor itself.
    void setFocusTarget(QWidget *widget);
    QString partName(const QString &part) const;

private:
    Field m_field;
    QString m_baseName;
    QWidget *m_focusTarget = nullptr;
    QList<QPointer<QWidget>> m_parts; // adopted widgets, in order
};

// The right editor for `field`; `objectName` is the base of its widgets' names.
WFO_FORMWIDGETS_EXPORT FieldEditor *createFieldEditor(const Field &field, const QString &objectName,
                                                      PickerProvider *provider, QWidget *parent);

} // namespace wfo::forms
