#pragma once
// A form page rendered as widgets: one row per field (label with its buddy, the editor, and an
// error line under it). Reads and writes the page's answers as a JSON object and shows
// validation errors under their fields.

#include "forms/core/formpage.h"
#include "wfo_formwidgets_export.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace wfo::forms {

class FieldEditor;
class PickerProvider;

class WFO_FORMWIDGETS_EXPORT FormPageWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormPageWidget)

public:
    explicit FormPageWidget(const FormPage &page, PickerProvider *provider = nullptr,
                            QWidget *parent = nullptr);

    const FormPage &page() const { return m_page; }
    // The answers: every field that collects input, by name.
    QJsonObject values() const;
    // Fills the editors from earlier answers; unknown names are ignored.
    void setValues(const QJsonObject &values);
    bool isModified() const { return m_modified; }

    // Shows field errors under their fields; returns one readable line per error, labelled with
    // the field ("VLAN: Enter a number of at most 4094."), form-level errors unlabelled.
    QStringList showErrors(const ValidationErrors &errors);
    void clearErrors();
    QString errorText(const QString &fieldName) const;

    FieldEditor *editor(const QString &fieldName) const;
    // The focusable widgets in tab order.
    QList<QWidget *> focusChain() const;
    // Focuses the first field with an error; returns whether there was one.
    bool focusFirstError();

signals:
    void modified();
    void focusChainChanged();

private:
    struct Row
    {
        FieldEditor *editor = nullptr;
        QLabel *label = nullptr;
        QLabel *error = nullptr;
    };
    QString describe(const ValidationError &error) const;

    FormPage m_page;
    QList<Row> m_rows;
    QHash<QString, qsizetype> m_index;
    bool m_modified = false;
};

} // namespace wfo::forms
