#pragma once
// Pickers fed by a PickerProvider (customer, product, subscription): a search box and a
// drop-down of what the provider found. Lookups are asynchronous; answers to an older search
// are dropped. Also the contact person editor (name, e-mail, phone).

#include "fieldeditor.h"
#include "pickerprovider.h"

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

private:
    void search();
    void showResults(const QList<PickerItem> &items);

    PickerProvider *m_provider;
    QLineEdit *m_search;
    QComboBox *m_combo;
    QTimer *m_debounce;
    QString m_wanted; // the id to select once results arrive
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
