#include "pickereditors.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QStandardItemModel>
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
    , m_search(field.type() == FieldType::Customer ? nullptr : new QLineEdit(this))
    , m_combo(new QComboBox(this))
    , m_debounce(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &PickerEditor::search);
    m_combo->setMinimumContentsLength(16);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    if (!m_search) {
        // One control: type to search or to name a new customer, or pick a known one.
        layout->addWidget(m_combo, 1);
        m_combo->setEditable(true);
        m_combo->setInsertPolicy(QComboBox::NoInsert);
        m_combo->lineEdit()->setPlaceholderText(tr("Type a customer, or choose one\u2026"));
        m_combo->lineEdit()->setClearButtonEnabled(true);
        m_combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        m_combo->completer()->setFilterMode(Qt::MatchContains);
        m_combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        adopt(m_combo);
        connect(m_combo->lineEdit(), &QLineEdit::textEdited, this, [this] {
            m_wanted.clear();
            m_debounce->start();
            emit edited();
        });
        connect(m_combo, &QComboBox::activated, this, [this] {
            m_wanted = m_combo->currentData().toString();
            emit edited();
        });
        if (field.defaultValue())
            m_wanted = field.defaultValue()->toString();
        search();
        return;
    }
    layout->addWidget(m_search, 1);
    layout->addWidget(m_combo, 2);
    m_search->setPlaceholderText(tr("Search\u2026"));
    m_search->setClearButtonEnabled(true);
    adopt(m_combo);
    adopt(m_search, u"search"_s, tr("Search %1").arg(field.labelText()));
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
    QPointer<PickerEditor> self(this);
    if (!m_search) {
        // The typed text stays where it is while the known customers are looked up.
        m_provider->lookup(
            PickerQuery {kindOf(field().type()), m_combo->currentText(), field().pickerFilter()},
            [self, generation](const QList<PickerItem> &items) {
                if (self && self->m_generation == generation)
                    self->showEditableResults(items);
            });
        return;
    }
    m_searching = true;
    m_combo->clear();
    m_combo->addItem(tr("Searching\u2026"), QString());
    m_provider->lookup(
        PickerQuery {kindOf(field().type()), m_search->text(), field().pickerFilter()},
        [self, generation](const QList<PickerItem> &items) {
            if (self && self->m_generation == generation)
                self->showResults(items);
        });
}

void PickerEditor::showEditableResults(const QList<PickerItem> &items)
{
    const QString typed = m_combo->currentText();
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    addItems(items);
    const int wanted = m_wanted.isEmpty() ? -1 : m_combo->findData(m_wanted);
    m_combo->setCurrentIndex(wanted);
    if (wanted < 0)
        m_combo->setEditText(m_wanted.isEmpty() ? typed : m_labels.value(m_wanted, m_wanted));
}

void PickerEditor::showResults(const QList<PickerItem> &items)
{
    m_searching = false;
    m_combo->clear();
    m_combo->addItem(items.isEmpty() ? tr("Nothing found") : tr("Choose\u2026"), QString());
    addItems(items);
    int index = m_wanted.isEmpty() ? 0 : m_combo->findData(m_wanted);
    if (index < 0) {
        // Keep an earlier answer even when the current search does not list it, under the
        // name it was chosen by (an id alone says nothing to an operator).
        m_combo->addItem(m_labels.value(m_wanted, m_wanted), m_wanted);
        m_combo->setItemData(m_combo->count() - 1, m_wanted, Qt::ToolTipRole);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(index);
}

void PickerEditor::addItems(const QList<PickerItem> &items)
{
    const QMap<QString, QString> &unavailable = field().pickerFilter().unavailable;
    auto *model = qobject_cast<QStandardItemModel *>(m_combo->model());
    for (const bool available : {true, false}) {
        for (const PickerItem &item : items) {
            const QString why = unavailable.value(item.id);
            if (why.isEmpty() != available)
                continue;
            const QString text =
                item.detail.isEmpty() ? item.label : item.label + u" \u2014 "_s + item.detail;
            m_labels.insert(item.id, text);
            const int row = m_combo->count();
            m_combo->addItem(available ? text : tr("%1 (unavailable)").arg(text), item.id);
            m_combo->setItemData(row, available ? item.id : why, Qt::ToolTipRole);
            if (!available && model)
                model->item(row)->setEnabled(false);
        }
    }
}

QJsonValue PickerEditor::value() const
{
    if (!m_search) {
        // A known customer by what it is shown as, else the text is the (new) customer's id.
        const QString text = m_combo->currentText().trimmed();
        if (!m_wanted.isEmpty() && text == m_labels.value(m_wanted, m_wanted))
            return m_wanted;
        const int index = m_combo->findText(text, Qt::MatchFixedString);
        if (index >= 0)
            return m_combo->itemData(index).toString();
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    }
    const QString id = m_searching ? m_wanted : m_combo->currentData().toString();
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

void PickerEditor::setValue(const QJsonValue &value)
{
    m_wanted = value.toString();
    if (!m_search) {
        const int index = m_wanted.isEmpty() ? -1 : m_combo->findData(m_wanted);
        m_combo->setCurrentIndex(index);
        if (index < 0)
            m_combo->setEditText(m_labels.value(m_wanted, m_wanted));
        return;
    }
    if (m_searching)
        return;
    int index = m_wanted.isEmpty() ? 0 : m_combo->findData(m_wanted);
    if (index < 0) {
        m_combo->addItem(m_labels.value(m_wanted, m_wanted), m_wanted);
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
    for (QLineEdit *edit : {m_name, m_email, m_phone}) {
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
    return QJsonObject {
        {u"name"_s, m_name->text()}, {u"email"_s, m_email->text()}, {u"phone"_s, m_phone->text()}};
}

void ContactPersonEditor::setValue(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    m_name->setText(object.value(u"name").toString());
    m_email->setText(object.value(u"email").toString());
    m_phone->setText(object.value(u"phone").toString());
}

} // namespace wfo::forms
