#include "texteditors.h"

#include "forms/core/valueformats.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>

using namespace Qt::StringLiterals;

namespace wfo::forms {

FormatValidator::FormatValidator(FieldType type, QObject *parent)
    : QValidator(parent)
    , m_type(type)
{ }

QValidator::State FormatValidator::validate(QString &input, int &) const
{
    switch (m_type) {
    case FieldType::IpAddress:
        if (formats::ipAddress(input))
            return Acceptable;
        return formats::couldBeIpAddress(input) && !input.contains(u'/') ? Intermediate : Invalid;
    case FieldType::IpPrefix:
        if (formats::ipPrefix(input))
            return Acceptable;
        return formats::couldBeIpAddress(input) ? Intermediate : Invalid;
    case FieldType::VlanRanges:
        if (formats::vlanRanges(input))
            return Acceptable;
        return formats::couldBeVlanRanges(input) ? Intermediate : Invalid;
    default:
        if (formats::uuid(input))
            return Acceptable;
        return formats::couldBeUuid(input) ? Intermediate : Invalid;
    }
}

LineEditor::LineEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_edit(new QLineEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    adopt(m_edit);
    m_edit->setReadOnly(field.isReadOnly());
    if (field.maxLength())
        m_edit->setMaxLength(*field.maxLength() + 1); // one over, so the error can be seen
    switch (field.type()) {
    case FieldType::IpAddress:
        m_edit->setPlaceholderText(tr("e.g. 192.0.2.1 or 2001:db8::1"));
        m_edit->setValidator(new FormatValidator(field.type(), m_edit));
        break;
    case FieldType::IpPrefix:
        m_edit->setPlaceholderText(tr("e.g. 192.0.2.0/24 or 2001:db8::/32"));
        m_edit->setValidator(new FormatValidator(field.type(), m_edit));
        break;
    case FieldType::VlanRanges:
        m_edit->setPlaceholderText(tr("e.g. 100-199,300"));
        m_edit->setValidator(new FormatValidator(field.type(), m_edit));
        break;
    case FieldType::Uuid:
    case FieldType::Product:
    case FieldType::Subscription:
        m_edit->setPlaceholderText(tr("e.g. 3a3691e2-399a-4733-8924-2cb524eb4723"));
        m_edit->setValidator(new FormatValidator(FieldType::Uuid, m_edit));
        break;
    default:
        break;
    }
    if (field.defaultValue())
        setValue(*field.defaultValue());
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::edited);
}

QJsonValue LineEditor::value() const
{
    const QString text = m_edit->text();
    if (text.trimmed().isEmpty())
        return field().type() == FieldType::Text && !text.isEmpty() ? QJsonValue(text)
                                                                    : QJsonValue(QJsonValue::Null);
    bool ok = false;
    if (field().type() == FieldType::Integer) {
        const qint64 number = QLocale().toLongLong(text.trimmed(), &ok);
        return ok ? QJsonValue(number) : QJsonValue(text);
    }
    if (field().type() == FieldType::Number) {
        double number = QLocale().toDouble(text.trimmed(), &ok);
        if (!ok)
            number = text.trimmed().toDouble(&ok);
        return ok ? QJsonValue(number) : QJsonValue(text);
    }
    return text;
}

void LineEditor::setValue(const QJsonValue &value)
{
    if (value.isDouble())
        m_edit->setText(field().type() == FieldType::Integer
                            ? QString::number(qint64(value.toDouble()))
                            : QLocale().toString(value.toDouble(), 'g', 15));
    else if (value.isString())
        m_edit->setText(value.toString());
    else
        m_edit->clear();
}

LongTextEditor::LongTextEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_edit(new QPlainTextEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    adopt(m_edit);
    m_edit->setTabChangesFocus(true); // Tab moves on; a form is navigated, not typed into
    m_edit->setReadOnly(field.isReadOnly());
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    if (field.defaultValue())
        setValue(*field.defaultValue());
    connect(m_edit, &QPlainTextEdit::textChanged, this, &FieldEditor::edited);
}

QJsonValue LongTextEditor::value() const
{
    const QString text = m_edit->toPlainText();
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void LongTextEditor::setValue(const QJsonValue &value)
{
    m_edit->setPlainText(value.toString());
}

DateTimeEditor::DateTimeEditor(const Field &field, const QString &objectName, QWidget *parent)
    : FieldEditor(field, objectName, parent)
    , m_edit(field.type() == FieldType::Date ? new QDateEdit(this) : new QDateTimeEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (!field.isRequired()) {
        m_set = new QCheckBox(tr("Set"), this);
        adopt(m_set, u"set"_s, tr("Set %1").arg(field.labelText()));
        layout->addWidget(m_set);
        connect(m_set, &QCheckBox::toggled, m_edit, &QWidget::setEnabled);
        connect(m_set, &QCheckBox::toggled, this, &FieldEditor::edited);
    }
    layout->addWidget(m_edit, 1);
    adopt(m_edit);
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(field.type() == FieldType::Date ? u"yyyy-MM-dd"_s
                                                             : u"yyyy-MM-dd HH:mm"_s);
    m_edit->setReadOnly(field.isReadOnly());
    if (field.minimum())
        m_edit->setMinimumDateTime(QDateTime::fromSecsSinceEpoch(*field.minimum()));
    if (field.maximum())
        m_edit->setMaximumDateTime(QDateTime::fromSecsSinceEpoch(*field.maximum()));
    const QDateTime now = QDateTime::currentDateTime();
    m_edit->setDateTime(QDateTime(now.date(), QTime(now.time().hour(), 0)));
    setValue(field.defaultValue().value_or(QJsonValue()));
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, &FieldEditor::edited);
}

QJsonValue DateTimeEditor::value() const
{
    if (m_set && !m_set->isChecked())
        return QJsonValue(QJsonValue::Null);
    if (field().type() == FieldType::Date)
        return m_edit->date().toString(Qt::ISODate);
    return double(m_edit->dateTime().toSecsSinceEpoch());
}

void DateTimeEditor::setValue(const QJsonValue &value)
{
    const bool has = value.isDouble() || (value.isString() && !value.toString().isEmpty());
    if (m_set) {
        m_set->setChecked(has);
        m_edit->setEnabled(has);
    }
    if (!has)
        return;
    if (field().type() == FieldType::Date)
        m_edit->setDate(QDate::fromString(value.toString(), Qt::ISODate));
    else
        m_edit->setDateTime(QDateTime::fromSecsSinceEpoch(qint64(value.toDouble())));
}

} // namespace wfo::forms
