#pragma once
// Pickers fed by a PickerProvider (customer, product, subscription): a search box and a
// drop-down of what the provider found. Lookups are asynchronous; answers to an older search
// are dropped; an earlier choice a new search does not list stays, under its name. A customer
// is one editable drop-down instead: what is typed searches (the known customers complete it)
// and, when it names no known customer, is the new customer's id. Also the contact person
// editor (name, e-mail, phone).

#include "fieldeditor.h"
#include "pickerprovider.h"

#include <QHash>

class QComboBox;
class QLineEdit;
class QTimer;

namespace wfo::forms {

class WFO_FORMWIDGETS_EXPORT PickerEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PickerEditor)

public:
    PickerEditor(const Field &field, const QString &objectName, PickerProvider *provider,
                 QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;
    bool isSearching() const { return m_searching; }
    // Whether this is the one-control customer picker (an editable drop-down).
    bool acceptsNewText() const { return m_search == nullptr; }

private:
    void search();
    void showResults(const QList<PickerItem> &items);
    void showEditableResults(const QList<PickerItem> &items);
    // Adds the items, those the filter calls unavailable last, disabled, with the reason.
    void addItems(const QList<PickerItem> &items);

    PickerProvider *m_provider;
    QLineEdit *m_search;
    QComboBox *m_combo;
    QTimer *m_debounce;
    QString m_wanted; // the id to select once results arrive
    QHash<QString, QString> m_labels; // what each id seen so far was shown as
    quint64 m_generation = 0;
    bool m_searching = false;
};

class ContactPersonEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactPersonEditor)

public:
    ContactPersonEditor(const Field &field, const QString &objectName, QWidget *parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

private:
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
};

} // namespace wfo::forms
