#include "field.h"

using namespace Qt::StringLiterals;

namespace wfo::forms {

QString toString(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return u"text"_s;
    case FieldType::Integer:
        return u"integer"_s;
    case FieldType::Boolean:
        return u"boolean"_s;
    case FieldType::Choice:
        return u"choice"_s;
    case FieldType::LongText:
        return u"long_text"_s;
    case FieldType::Number:
        return u"number"_s;
    case FieldType::MultiChoice:
        return u"multi_choice"_s;
    case FieldType::List:
        return u"list"_s;
    case FieldType::Label:
        return u"label"_s;
    case FieldType::Divider:
        return u"divider"_s;
    case FieldType::Markdown:
        return u"markdown"_s;
    case FieldType::Callout:
        return u"callout"_s;
    case FieldType::Summary:
        return u"summary"_s;
    case FieldType::Accept:
        return u"accept"_s;
    case FieldType::ReadOnly:
        return u"read_only"_s;
    case FieldType::Hidden:
        return u"hidden"_s;
    case FieldType::Timestamp:
        return u"timestamp"_s;
    case FieldType::Date:
        return u"date"_s;
    case FieldType::IpAddress:
        return u"ip_address"_s;
    case FieldType::IpPrefix:
        return u"ip_prefix"_s;
    case FieldType::VlanRanges:
        return u"vlan_ranges"_s;
    case FieldType::Uuid:
        return u"uuid"_s;
    case FieldType::Customer:
        return u"customer"_s;
    case FieldType::Product:
        return u"product"_s;
    case FieldType::Subscription:
        return u"subscription"_s;
    case FieldType::ContactPerson:
        return u"contact_person"_s;
    }
    return {};
}

Field Field::text(const QString &name)
{
    return Field(name, FieldType::Text);
}

Field Field::longText(const QString &name)
{
    return Field(name, FieldType::LongText);
}

Field Field::integer(const QString &name)
{
    return Field(name, FieldType::Integer);
}

Field Field::number(const QString &name)
{
    return Field(name, FieldType::Number);
}

Field Field::boolean(const QString &name)
{
    Field field(name, FieldType::Boolean);
    field.m_default = false;
    return field;
}

Field Field::choice(const QString &name, const QList<Choice> &choices)
{
    Field field(name, FieldType::Choice);
    field.m_choices = choices;
    return field;
}

Field Field::multiChoice(const QString &name, const QList<Choice> &choices)
{
    Field field(name, FieldType::MultiChoice);
    field.m_choices = choices;
    field.m_unique = true;
    return field;
}

Field Field::list(const QString &name, const Field &item)
{
    Field field(name, FieldType::List);
    field.m_item = std::make_shared<const Field>(item);
    return field;
}

Field Field::infoLabel(const QString &name, const QString &text)
{
    Field field(name, FieldType::Label);
    field.m_content = text;
    return field;
}

Field Field::divider(const QString &name)
{
    return Field(name, FieldType::Divider);
}

Field Field::markdown(const QString &name, const QString &content)
{
    Field field(name, FieldType::Markdown);
    field.m_content = content;
    field.m_variant = u"primary"_s;
    return field;
}

Field Field::callout(const QString &name, const QString &header, const QString &message,
                     const QString &variant)
{
    Field field(name, FieldType::Callout);
    field.m_header = header;
    field.m_content = message;
    field.m_variant = variant;
    return field;
}

Field Field::summary(const QString &name, const SummaryData &data)
{
    Field field(name, FieldType::Summary);
    field.m_summary = data;
    return field;
}

Field Field::accept(const QString &name, const QList<Choice> &items)
{
    Field field(name, FieldType::Accept);
    field.m_choices = items;
    return field;
}

Field Field::readOnlyValue(const QString &name, const QJsonValue &value)
{
    Field field(name, FieldType::ReadOnly);
    field.m_default = value;
    return field;
}

Field Field::hidden(const QString &name, const QJsonValue &value)
{
    Field field(name, FieldType::Hidden);
    field.m_default = value;
    return field;
}

Field Field::timestamp(const QString &name)
{
    return Field(name, FieldType::Timestamp);
}

Field Field::date(const QString &name)
{
    return Field(name, FieldType::Date);
}

Field Field::ipAddress(const QString &name)
{
    return Field(name, FieldType::IpAddress);
}

Field Field::ipPrefix(const QString &name)
{
    return Field(name, FieldType::IpPrefix);
}

Field Field::vlanRanges(const QString &name)
{
    return Field(name, FieldType::VlanRanges);
}

Field Field::uuid(const QString &name)
{
    return Field(name, FieldType::Uuid);
}

Field Field::customer(const QString &name)
{
    return Field(name, FieldType::Customer);
}

Field Field::product(const QString &name)
{
    return Field(name, FieldType::Product);
}

Field Field::subscription(const QString &name)
{
    return Field(name, FieldType::Subscription);
}

Field Field::contactPerson(const QString &name)
{
    return Field(name, FieldType::ContactPerson);
}

Field &Field::label(const QString &text)
{
    m_label = text;
    return *this;
}

Field &Field::description(const QString &text)
{
    m_description = text;
    return *this;
}

Field &Field::optional(bool isOptional)
{
    m_optional = isOptional;
    return *this;
}

Field &Field::defaultValue(const QJsonValue &value)
{
    m_default = value;
    return *this;
}

Field &Field::range(std::optional<qint64> minimum, std::optional<qint64> maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    return *this;
}

Field &Field::numberRange(std::optional<double> minimum, std::optional<double> maximum)
{
    m_numberMinimum = minimum;
    m_numberMaximum = maximum;
    return *this;
}

Field &Field::length(std::optional<int> minimum, std::optional<int> maximum)
{
    m_minLength = minimum;
    m_maxLength = maximum;
    return *this;
}

Field &Field::pattern(const QString &regularExpression)
{
    m_pattern = regularExpression;
    return *this;
}

Field &Field::readOnly(bool isReadOnly)
{
    m_readOnly = isReadOnly;
    return *this;
}

Field &Field::items(std::optional<int> minimum, std::optional<int> maximum)
{
    m_minItems = minimum;
    m_maxItems = maximum;
    return *this;
}

Field &Field::unique(bool isUnique)
{
    m_unique = isUnique;
    return *this;
}

Field &Field::style(ChoiceStyle style)
{
    m_choiceStyle = style;
    return *this;
}

Field &Field::filter(const PickerFilter &filter)
{
    m_filter = filter;
    return *this;
}

bool Field::isDisplayOnly() const
{
    switch (m_type) {
    case FieldType::Label:
    case FieldType::Divider:
    case FieldType::Markdown:
    case FieldType::Callout:
    case FieldType::Summary:
        return true;
    default:
        return false;
    }
}

bool Field::isRequired() const
{
    if (isDisplayOnly() || m_type == FieldType::Hidden || m_type == FieldType::ReadOnly)
        return false;
    return !m_optional && !m_default.has_value();
}

} // namespace wfo::forms
