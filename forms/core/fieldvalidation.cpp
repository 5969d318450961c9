// Field::validate: coercion and constraint checks for every field type, with errors shaped
// like pydantic's ({loc, msg, type}) and messages that read well in the console.
#include "field.h"
#include "inputlimits.h"
#include "valueformats.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

// Largest integer a double (and so JSON) holds exactly.
constexpr double maxExactInteger = 9007199254740991.0;

void fail(ValidationErrors *errors, const QJsonArray &loc, const QString &message,
          const QString &type)
{
    errors->append(ValidationError {loc, message, type});
}

QJsonArray child(QJsonArray loc, const QJsonValue &step)
{
    loc.append(step);
    return loc;
}

QString shortText(const QJsonValue &value)
{
    QString text = value.isString() ? value.toString()
        : value.isDouble()          ? QString::number(value.toDouble())
        : value.isBool()            ? (value.toBool() ? u"true"_s : u"false"_s)
                                    : QString();
    if (text.size() > 40)
        text = text.left(40) + u'\u2026';
    return text;
}

} // namespace

std::optional<QJsonValue> Field::validate(const QJsonValue &value, ValidationErrors *errors) const
{
    return validateAt(value, QJsonArray {m_name}, errors);
}

std::optional<QJsonValue> Field::validateAt(const QJsonValue &value, const QJsonArray &loc,
                                            ValidationErrors *errors) const
{
    // Display-only elements and hidden values ignore what was sent (pydantic-forms' frozen
    // fields): the page's own value is the answer.
    if (isDisplayOnly())
        return m_type == FieldType::Label && !m_content.isEmpty() ? QJsonValue(m_content)
                                                                  : QJsonValue(QJsonValue::Null);
    if (m_type == FieldType::Hidden)
        return m_default.value_or(QJsonValue(QJsonValue::Null));

    if (value.isUndefined() || value.isNull()
        || (value.isString() && value.toString().isEmpty() && m_type != FieldType::Text
            && m_type != FieldType::LongText)) {
        if (m_default)
            return *m_default;
        if (m_optional)
            return QJsonValue(QJsonValue::Null);
        fail(errors, loc, tr("This field is required."), u"missing"_s);
        return std::nullopt;
    }
    // Checked before any parsing: a huge value is refused whatever the field's type.
    if (value.isString() && value.toString().size() > MaxInputBytes) {
        fail(errors, loc,
             tr("The value is too long: at most %n character(s) are accepted.", nullptr,
                int(MaxInputBytes)),
             u"string_too_long"_s);
        return std::nullopt;
    }
    return validatePresent(value, loc, errors);
}

std::optional<QJsonValue> Field::validatePresent(const QJsonValue &value, const QJsonArray &loc,
                                                 ValidationErrors *errors) const
{
    switch (m_type) {
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Customer:
        return validateText(value, loc, errors);
    case FieldType::Integer:
    case FieldType::Number:
    case FieldType::Timestamp:
        return validateNumber(value, loc, errors);
    case FieldType::MultiChoice:
    case FieldType::List:
        return validateArray(value, loc, errors);
    case FieldType::ContactPerson:
        return validateContact(value, loc, errors);
    case FieldType::Boolean:
        if (value.isBool())
            return value;
        if (value.isString()) {
            const QString text = value.toString().trimmed().toLower();
            if (text == "true"_L1 || text == "yes"_L1 || text == "1"_L1)
                return QJsonValue(true);
            if (text == "false"_L1 || text == "no"_L1 || text == "0"_L1)
                return QJsonValue(false);
        }
        fail(errors, loc, tr("Choose yes or no."), u"bool_parsing"_s);
        return std::nullopt;
    case FieldType::Choice: {
        // Only a text or a number names a choice: an object or a list read as no text at all
        // would otherwise match an empty choice, which a second look then reads as missing.
        if (value.isString() || value.isDouble()) {
            const QString text =
                value.isString() ? value.toString() : QString::number(value.toDouble());
            for (const Choice &choice : m_choices) {
                if (choice.value == text)
                    return QJsonValue(choice.value);
            }
        }
        QStringList allowed;
        for (const Choice &choice : m_choices)
            allowed.append(u"'"_s + choice.displayText() + u"'"_s);
        fail(errors, loc,
             m_choices.isEmpty() ? tr("There is nothing to choose from.")
                                 : tr("Choose one of %1.").arg(allowed.join(u", "_s)),
             u"enum"_s);
        return std::nullopt;
    }
    case FieldType::Accept:
        if (value == QJsonValue(true) || value == QJsonValue(u"ACCEPTED"_s))
            return QJsonValue(true);
        if (value == QJsonValue(false) || value == QJsonValue(u"INCOMPLETE"_s)) {
            fail(errors, loc, tr("Tick every item of the checklist."), u"value_error"_s);
            return std::nullopt;
        }
        fail(errors, loc, tr("Answer with 'ACCEPTED' or 'INCOMPLETE'."), u"enum"_s);
        return std::nullopt;
    case FieldType::ReadOnly: {
        const QJsonValue expected = m_default.value_or(QJsonValue(QJsonValue::Null));
        if (value == expected || (value.isString() && value.toString() == shortText(expected)))
            return expected;
        fail(errors, loc,
             tr("This value cannot be changed; it must stay '%1'.").arg(shortText(expected)),
             u"literal_error"_s);
        return std::nullopt;
    }
    case FieldType::Date:
    case FieldType::IpAddress:
    case FieldType::IpPrefix:
    case FieldType::VlanRanges:
    case FieldType::Uuid:
    case FieldType::Product:
    case FieldType::Subscription: {
        // What the picker shows disabled is refused with the same reason.
        const QString why = m_filter.unavailable.value(value.toString());
        if (value.isString() && !why.isEmpty()) {
            fail(errors, loc, why, u"value_error"_s);
            return std::nullopt;
        }
        return validateFormatted(value, loc, errors);
    }
    case FieldType::Label:
    case FieldType::Divider:
    case FieldType::Markdown:
    case FieldType::Callout:
    case FieldType::Summary:
    case FieldType::Hidden:
        break;
    }
    return m_default.value_or(QJsonValue(QJsonValue::Null));
}

std::optional<QJsonValue> Field::validateText(const QJsonValue &value, const QJsonArray &loc,
                                              ValidationErrors *errors) const
{
    if (!value.isString()) {
        fail(errors, loc, tr("Enter text."), u"string_type"_s);
        return std::nullopt;
    }
    const QString text = value.toString();
    if (m_type == FieldType::Customer && text.trimmed().isEmpty()) {
        fail(errors, loc, tr("This field is required."), u"missing"_s);
        return std::nullopt;
    }
    if (m_minLength && text.size() < *m_minLength) {
        fail(errors, loc, tr("Enter at least %n character(s).", nullptr, *m_minLength),
             u"string_too_short"_s);
        return std::nullopt;
    }
    if (m_maxLength && text.size() > *m_maxLength) {
        fail(errors, loc, tr("Enter at most %n character(s).", nullptr, *m_maxLength),
             u"string_too_long"_s);
        return std::nullopt;
    }
    if (!m_pattern.isEmpty()) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(m_pattern));
        if (!re.isValid() || !re.match(text).hasMatch()) {
            fail(errors, loc, tr("The value does not have the expected format."),
                 u"string_pattern_mismatch"_s);
            return std::nullopt;
        }
    }
    return QJsonValue(text);
}

std::optional<QJsonValue> Field::validateNumber(const QJsonValue &value, const QJsonArray &loc,
                                                ValidationErrors *errors) const
{
    const bool whole = m_type != FieldType::Number;
    double number = 0;
    bool ok = false;
    if (value.isDouble()) {
        number = value.toDouble();
        ok = true;
    } else if (value.isString()) {
        number = value.toString().trimmed().toDouble(&ok);
    }
    ok = ok && std::isfinite(number);
    if (ok && whole)
        ok = std::trunc(number) == number && std::abs(number) <= maxExactInteger;
    if (!ok) {
        fail(errors, loc, whole ? tr("Enter a whole number.") : tr("Enter a number."),
             whole ? u"int_parsing"_s : u"float_parsing"_s);
        return std::nullopt;
    }
    const std::optional<double> minimum = whole
        ? (m_minimum ? std::optional<double>(double(*m_minimum)) : std::nullopt)
        : m_numberMinimum;
    const std::optional<double> maximum = whole
        ? (m_maximum ? std::optional<double>(double(*m_maximum)) : std::nullopt)
        : m_numberMaximum;
    if (minimum && number < *minimum) {
        fail(errors, loc, tr("Enter a number of at least %1.").arg(*minimum),
             u"greater_than_equal"_s);
        return std::nullopt;
    }
    if (maximum && number > *maximum) {
        fail(errors, loc, tr("Enter a number of at most %1.").arg(*maximum), u"less_than_equal"_s);
        return std::nullopt;
    }
    return whole ? QJsonValue(qint64(number)) : QJsonValue(number);
}

std::optional<QJsonValue> Field::validateArray(const QJsonValue &value, const QJsonArray &loc,
                                               ValidationErrors *errors) const
{
    if (!value.isArray()) {
        fail(errors, loc, tr("Enter a list of values."), u"list_type"_s);
        return std::nullopt;
    }
    const QJsonArray input = value.toArray();
    if (m_minItems && input.size() < *m_minItems) {
        fail(errors, loc, tr("Give at least %n item(s).", nullptr, *m_minItems), u"too_short"_s);
        return std::nullopt;
    }
    if (m_maxItems && input.size() > *m_maxItems) {
        fail(errors, loc, tr("Give at most %n item(s).", nullptr, *m_maxItems), u"too_long"_s);
        return std::nullopt;
    }
    QJsonArray output;
    bool ok = true;
    const Field itemField = m_item ? *m_item : Field::choice(m_name, m_choices);
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QJsonArray itemLoc = child(loc, int(i));
        const QJsonValue item = input.at(i);
        // An empty entry in a list is not "use the default": it is a missing item.
        if (item.isNull() || item.isUndefined()) {
            fail(errors, itemLoc, tr("This item is empty."), u"missing"_s);
            ok = false;
            continue;
        }
        if (const auto coerced = itemField.validateAt(item, itemLoc, errors))
            output.append(*coerced);
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    if (m_unique) {
        for (qsizetype i = 0; i < output.size(); ++i) {
            for (qsizetype j = 0; j < i; ++j) {
                if (output.at(i) == output.at(j)) {
                    fail(errors, loc, tr("Each item may appear only once."), u"unique_list"_s);
                    return std::nullopt;
                }
            }
        }
    }
    return output;
}

std::optional<QJsonValue> Field::validateFormatted(const QJsonValue &value, const QJsonArray &loc,
                                                   ValidationErrors *errors) const
{
    const QString text = value.isString()                       ? value.toString()
        : (value.isDouble() && m_type == FieldType::VlanRanges) ? shortText(value)
                                                                : QString();
    std::optional<QString> result;
    QString message;
    QString type;
    switch (m_type) {
    case FieldType::Date: {
        const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (date.isValid())
            result = date.toString(Qt::ISODate);
        message = tr("Enter a date as YYYY-MM-DD.");
        type = u"date_parsing"_s;
        break;
    }
    case FieldType::IpAddress:
        result = formats::ipAddress(text);
        message = tr("Enter an IPv4 or IPv6 address, such as 192.0.2.1 or 2001:db8::1.");
        type = u"ip_any_address"_s;
        break;
    case FieldType::IpPrefix: {
        formats::PrefixProblem problem = formats::PrefixProblem::None;
        result = formats::ipPrefix(text, &problem);
        message = problem == formats::PrefixProblem::HostBitsSet
            ? tr("The prefix has host bits set; use the network address.")
            : tr("Enter an IP prefix, such as 192.0.2.0/24 or 2001:db8::/32.");
        type = u"ip_any_network"_s;
        break;
    }
    case FieldType::VlanRanges:
        result = formats::vlanRanges(text);
        message = tr("Enter VLAN ids from 1 to 4094 as ranges, such as 100-199,300.");
        type = u"value_error"_s;
        break;
    default:
        result = formats::uuid(text);
        message = tr("Enter an identifier such as 3a3691e2-399a-4733-8924-2cb524eb4723.");
        type = u"uuid_parsing"_s;
        break;
    }
    if (!result) {
        fail(errors, loc, message, type);
        return std::nullopt;
    }
    if (m_type == FieldType::Product && !m_filter.productIds.isEmpty()
        && !m_filter.productIds.contains(*result, Qt::CaseInsensitive)) {
        fail(errors, loc, tr("This product cannot be chosen here."), u"value_error"_s);
        return std::nullopt;
    }
    return QJsonValue(*result);
}

std::optional<QJsonValue> Field::validateContact(const QJsonValue &value, const QJsonArray &loc,
                                                 ValidationErrors *errors) const
{
    if (!value.isObject()) {
        fail(errors, loc, tr("Enter a contact person."), u"dict_type"_s);
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    bool ok = true;
    const QString name = object.value(u"name").toString().trimmed();
    if (name.isEmpty()) {
        fail(errors, child(loc, u"name"_s), tr("Enter the contact's name."), u"missing"_s);
        ok = false;
    }
    const QString email = object.value(u"email").toString().trimmed();
    if (email.isEmpty()) {
        fail(errors, child(loc, u"email"_s), tr("Enter the contact's e-mail address."),
             u"missing"_s);
        ok = false;
    } else if (!formats::isEmail(email)) {
        fail(errors, child(loc, u"email"_s), tr("Enter a valid e-mail address."), u"value_error"_s);
        ok = false;
    }
    const QJsonValue phone = object.value(u"phone");
    if (!phone.isUndefined() && !phone.isNull() && !phone.isString()) {
        fail(errors, child(loc, u"phone"_s), tr("Enter the phone number as text."),
             u"string_type"_s);
        ok = false;
    }
    if (!ok)
        return std::nullopt;
    return QJsonObject {{u"name"_s, name}, {u"email"_s, email}, {u"phone"_s, phone.toString()}};
}

} // namespace wfo::forms
