#include "choiceeditors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QListWidget>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

QVBoxLayout *columnLayout(QWidget *widget)
{
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    return layout;
}

} // namespace

BooleanEditor::BooleanEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_box(new QCheckBox(field.labelText(), this))
{
    columnLayout(this)->addWidget(m_box);
    adopt(m_box);
    m_box->setEnabled(!field.isReadOnly());
    setValue(field.defaultValue().value_or(QJsonValue(false)));
    connect(m_box, &QCheckBox::toggled, this, &FieldEditor::edited);
}

QJsonValue BooleanEditor::value() const
{
    return m_box->isChecked();
}

void BooleanEditor::setValue(const QJsonValue &value)
{
    m_box->setChecked(value.toBool() || value.toString() == "true"_L1);
}

ChoiceEditor::ChoiceEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
{
    auto *layout = columnLayout(this);
    const bool radio = field.choiceStyle() == ChoiceStyle::Radio
        || (field.choiceStyle() == ChoiceStyle::Automatic
            && field.choices().size() <= maxRadioButtons);
    if (radio) {
        m_group = new QButtonGroup(this);
        for (const Choice &choice : field.choices()) {
            auto *button = new QRadioButton(choice.displayText(), this);
            adopt(button, choice.value, choice.displayText());
            button->setEnabled(!field.isReadOnly());
            m_group->addButton(button);
            m_buttons.append(button);
            layout->addWidget(button);
        }
        connect(m_group, &QButtonGroup::buttonClicked, this, &FieldEditor::edited);
    } else {
        m_combo = new QComboBox(this);
        m_combo->addItem(field.isRequired() ? tr("Choose\u2026") : tr("(none)"), QString());
        for (const Choice &choice : field.choices())
            m_combo->addItem(choice.displayText(), choice.value);
        adopt(m_combo);
        m_combo->setEnabled(!field.isReadOnly());
        layout->addWidget(m_combo);
        connect(m_combo, &QComboBox::activated, this, &FieldEditor::edited);
    }
    setValue(field.defaultValue().value_or(QJsonValue()));
}

QJsonValue ChoiceEditor::value() const
{
    if (m_combo) {
        const QString value = m_combo->currentData().toString();
        return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    }
    for (qsizetype i = 0; i < m_buttons.size(); ++i) {
        if (m_buttons.at(i)->isChecked())
            return field().choices().at(i).value;
    }
    return QJsonValue(QJsonValue::Null);
}

void ChoiceEditor::setValue(const QJsonValue &value)
{
    const QString text = value.toString();
    if (m_combo) {
        const int index = m_combo->findData(text);
        m_combo->setCurrentIndex(index < 0 ? 0 : index);
        return;
    }
    // Unchecking every button of an exclusive group needs the group to let go for a moment.
    m_group->setExclusive(false);
    for (qsizetype i = 0; i < m_buttons.size(); ++i)
        m_buttons.at(i)->setChecked(field().choices().at(i).value == text);
    m_group->setExclusive(true);
}

MultiChoiceEditor::MultiChoiceEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
{
    auto *layout = columnLayout(this);
    if (field.choices().size() <= maxCheckBoxes) {
        for (const Choice &choice : field.choices()) {
            auto *box = new QCheckBox(choice.displayText(), this);
            adopt(box, choice.value, choice.displayText());
            box->setEnabled(!field.isReadOnly());
            m_boxes.append(box);
            layout->addWidget(box);
            connect(box, &QCheckBox::toggled, this, &FieldEditor::edited);
        }
    } else {
        m_list = new QListWidget(this);
        for (const Choice &choice : field.choices()) {
            auto *item = new QListWidgetItem(choice.displayText(), m_list);
            item->setData(Qt::UserRole, choice.value);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            item->setCheckState(Qt::Unchecked);
        }
        adopt(m_list);
        m_list->setEnabled(!field.isReadOnly());
        const int rows = std::min(int(field.choices().size()), 6);
        m_list->setFixedHeight(m_list->sizeHintForRow(0) * rows + 2 * m_list->frameWidth());
        layout->addWidget(m_list);
        connect(m_list, &QListWidget::itemChanged, this, &FieldEditor::edited);
    }
    setValue(field.defaultValue().value_or(QJsonValue()));
}

QJsonValue MultiChoiceEditor::value() const
{
    QJsonArray values;
    for (qsizetype i = 0; i < field().choices().size(); ++i) {
        const bool checked =
            m_list ? m_list->item(int(i))->checkState() == Qt::Checked : m_boxes.at(i)->isChecked();
        if (checked)
            values.append(field().choices().at(i).value);
    }
    return values;
}

void MultiChoiceEditor::setValue(const QJsonValue &value)
{
    const QJsonArray values = value.toArray();
    for (qsizetype i = 0; i < field().choices().size(); ++i) {
        const bool checked = values.contains(QJsonValue(field().choices().at(i).value));
        if (m_list)
            m_list->item(int(i))->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        else
            m_boxes.at(i)->setChecked(checked);
    }
}

AcceptEditor::AcceptEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
{
    auto *layout = columnLayout(this);
    QList<Choice> items = field.choices();
    if (items.isEmpty())
        items.append(Choice { u"accept"_s, tr("I accept") });
    for (const Choice &item : std::as_const(items)) {
        auto *box = new QCheckBox(item.displayText(), this);
        adopt(box, item.value, item.displayText());
        m_boxes.append(box);
        layout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &FieldEditor::edited);
    }
}

QJsonValue AcceptEditor::value() const
{
    const bool all = std::all_of(m_boxes.begin(), m_boxes.end(),
                                 [](const QCheckBox *box) { return box->isChecked(); });
    return all ? u"ACCEPTED"_s : u"INCOMPLETE"_s;
}

void AcceptEditor::setValue(const QJsonValue &value)
{
    const bool accepted = value == QJsonValue(true) || value == QJsonValue(u"ACCEPTED"_s);
    for (QCheckBox *box : std::as_const(m_boxes))
        box->setChecked(accepted);
}

} // namespace wfo::forms
