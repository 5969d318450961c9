#include "pickereditors.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

PickerKind kindOf(FieldType type)
{
    return type == FieldType::Product     ? PickerKind::Product
        : type == FieldType::Subscription ? PickerKind::Subscription
                                          : PickerKind::Customer;
}

} // namespace

PickerEditor::PickerEditor(const Field &field, const QString &objectName, PickerProvider *provider,
                           QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_provider(provider)
    , m_search(new QLineEdit(this))
    , m_combo(new QComboBox(this))
    , m_debounce(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_combo, 2);
    m_search->setPlaceholderText(tr("Search\u2026"));
    m_search->setClearButtonEnabled(true);
    adopt(m_combo);
    adopt(m_search, u"search"_s, tr("Search %1").arg(field.labelText()));
    m_combo->setMinimumContentsLength(16);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &PickerEditor::search);
    connect(m_search, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_combo, &QComboBox::activated, this, [this] {
        m_wanted = m_combo->currentData().toString();
        emit edited();
    });
    if (field.defaultValue())
        m_wanted = field.defaultValue()->toString();
    search();
}

void PickerEditor::search()
{
    const quint64 generation = ++m_generation;
    m_searching = true;
    m_combo->clear();
    m_combo->addItem(tr("Searching\u2026"), QString());
    QPointer<PickerEditor> self(this);
    m_provider->lookup(
        PickerQuery { kindOf(field().type()), m_search->text(), field().pickerFilter() },
        [self, generation](const QList<PickerItem> &items) {
            if (self && self->m_generation == generation)
                self->showResults(items);
        });
}

void PickerEditor::showResults(const QList<PickerItem> &items)
{
    m_searching = false;
    m_combo->clear();
    m_combo->addItem(items.isEmpty() ? tr("Nothing found") : tr("Choose\u2026"), QString());
    for (const PickerItem &item : items) {
        const QString text =
            item.detail.isEmpty() ? item.label : item.label + u" \u2014 "_s + item.detail;
        m_combo->addItem(text, item.id);
        m_combo->setItemData(m_combo->count() - 1, item.id, Qt::ToolTipRole);
    }
    int index = m_wanted.isEmpty() ? 0 : m_combo->findData(m_wanted);
    if (index < 0) {
        // Keep an earlier answer even when the current search does not list it.
        m_combo->addItem(m_wanted, m_wanted);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(index);
}

QJsonValue PickerEditor::value() const
{
    const QString id = m_searching ? m_wanted : m_combo->currentData().toString();
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

void PickerEditor::setValue(const QJsonValue &value)
{
    m_wanted = value.toString();
    if (m_searching)
        return;
    int index = m_wanted.isEmpty() ? 0 : m_combo->findData(m_wanted);
    if (index < 0) {
        m_combo->addItem(m_wanted, m_wanted);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(index);
}

ContactPersonEditor::ContactPersonEditor(const Field &field, const QString &objectName,
                                         QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_name->setPlaceholderText(tr("Name"));
    m_email->setPlaceholderText(tr("E-mail"));
    m_phone->setPlaceholderText(tr("Phone (optional)"));
    adopt(m_name, u"name"_s, tr("%1: name").arg(field.labelText()));
    adopt(m_email, u"email"_s, tr("%1: e-mail").arg(field.labelText()));
    adopt(m_phone, u"phone"_s, tr("%1: phone").arg(field.labelText()));
    for (QLineEdit *edit : { m_name, m_email, m_phone }) {
        edit->setReadOnly(field.isReadOnly());
        layout->addWidget(edit);
        connect(edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
    }
    if (field.defaultValue())
        setValue(*field.defaultValue());
}

QJsonValue ContactPersonEditor::value() const
{
    if (m_name->text().isEmpty() && m_email->text().isEmpty() && m_phone->text().isEmpty())
        return QJsonValue(QJsonValue::Null);
    return QJsonObject { { u"name"_s, m_name->text() },
                         { u"email"_s, m_email->text() },
                         { u"phone"_s, m_phone->text() } };
}

void ContactPersonEditor::setValue(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    m_name->setText(object.value(u"name").toString());
    m_email->setText(object.value(u"email").toString());
    m_phone->setText(object.value(u"phone").toString());
}

} // namespace wfo::forms
