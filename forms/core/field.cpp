#include "field.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

ValidationError error(const Field &field, const QString &message, const QString &type)
{
    return ValidationError{QJsonArray{field.name()}, message, type};
}

} // namespace

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
    }
    return {};
}

Field Field::text(const QString &name)
{
    return Field(name, FieldType::Text);
}

Field Field::integer(const QString &name)
{
    return Field(name, FieldType::Integer);
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

std::optional<QJsonValue> Field::validate(const QJsonValue &value, ValidationErrors *errors) const
{
    if (value.isUndefined() || value.isNull()) {
        if (m_default)
            return *m_default;
        if (m_optional)
            return QJsonValue(QJsonValue::Null);
        errors->append(error(*this, tr("This field is required."), u"missing"_s));
        return std::nullopt;
    }

    switch (m_type) {
    case FieldType::Text: {
        if (!value.isString()) {
            errors->append(error(*this, tr("Enter text."), u"string_type"_s));
            return std::nullopt;
        }
        const QString text = value.toString();
        if (m_minLength && text.size() < *m_minLength) {
            errors->append(error(*this, tr("Enter at least %n character(s).", nullptr, *m_minLength),
                                 u"string_too_short"_s));
            return std::nullopt;
        }
        if (m_maxLength && text.size() > *m_maxLength) {
            errors->append(error(*this, tr("Enter at most %1 characters.").arg(*m_maxLength),
                                 u"string_too_long"_s));
            return std::nullopt;
        }
        if (!m_pattern.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(m_pattern));
            if (!re.isValid() || !re.match(text).hasMatch()) {
                errors->append(error(*this, tr("The value does not have the expected format."),
                                     u"string_pattern_mismatch"_s));
                return std::nullopt;
            }
        }
        return QJsonValue(text);
    }
    case FieldType::Integer: {
        qint64 number = 0;
        bool ok = false;
        if (value.isDouble()) {
            const double d = value.toDouble();
            ok = std::isfinite(d) && std::trunc(d) == d && std::abs(d) <= 9007199254740991.0;
            number = ok ? static_cast<qint64>(d) : 0;
        } else if (value.isString()) {
            number = value.toString().trimmed().toLongLong(&ok);
        }
        if (!ok) {
            errors->append(error(*this, tr("Enter a whole number."), u"int_parsing"_s));
            return std::nullopt;
        }
        if (m_minimum && number < *m_minimum) {
            errors->append(error(*this, tr("Enter a number of at least %1.").arg(*m_minimum),
                                 u"greater_than_equal"_s));
            return std::nullopt;
        }
        if (m_maximum && number > *m_maximum) {
            errors->append(error(*this, tr("Enter a number of at most %1.").arg(*m_maximum),
                                 u"less_than_equal"_s));
            return std::nullopt;
        }
        return QJsonValue(number);
    }
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
        errors->append(error(*this, tr("Choose yes or no."), u"bool_parsing"_s));
        return std::nullopt;
    case FieldType::Choice: {
        const QString text = value.isString() ? value.toString()
                             : value.isDouble() ? QString::number(value.toDouble())
                                                : QString();
        for (const Choice &choice : m_choices) {
            if (choice.value == text)
                return QJsonValue(choice.value);
        }
        QStringList allowed;
        for (const Choice &choice : m_choices)
            allowed.append(u"'"_s + choice.value + u"'"_s);
        errors->append(error(*this,
                             m_choices.isEmpty()
                                 ? tr("There is nothing to choose from.")
                                 : tr("Choose one of %1.").arg(allowed.join(u", "_s)),
                             u"enum"_s));
        return std::nullopt;
    }
    }
    return std::nullopt;
}

QJsonObject Field::toJsonSchema() const
{
    QJsonObject property{{u"title"_s, labelText()}};
    if (!m_description.isEmpty())
        property.insert(u"description"_s, m_description);
    if (m_default)
        property.insert(u"default"_s, *m_default);
    if (m_readOnly)
        property.insert(u"uniforms"_s, QJsonObject{{u"disabled"_s, true}});
    switch (m_type) {
    case FieldType::Text:
        property.insert(u"type"_s, u"string"_s);
        if (m_minLength)
            property.insert(u"minLength"_s, *m_minLength);
        if (m_maxLength)
            property.insert(u"maxLength"_s, *m_maxLength);
        if (!m_pattern.isEmpty())
            property.insert(u"pattern"_s, m_pattern);
        break;
    case FieldType::Integer:
        property.insert(u"type"_s, u"integer"_s);
        if (m_minimum)
            property.insert(u"minimum"_s, double(*m_minimum));
        if (m_maximum)
            property.insert(u"maximum"_s, double(*m_maximum));
        break;
    case FieldType::Boolean:
        property.insert(u"type"_s, u"boolean"_s);
        break;
    case FieldType::Choice: {
        QJsonArray values;
        QJsonObject labels;
        for (const Choice &choice : m_choices) {
            values.append(choice.value);
            labels.insert(choice.value, choice.displayText());
        }
        property.insert(u"type"_s, u"string"_s);
        property.insert(u"enum"_s, values);
        property.insert(u"options"_s, labels);
        break;
    }
    }
    return property;
}

std::optional<Field> Field::fromJsonSchema(const QString &name, const QJsonObject &property,
                                           bool required, QString *errorText)
{
    const QString type = property.value(u"type").toString();
    std::optional<Field> field;
    if (property.contains(u"enum"_s)) {
        QList<Choice> choices;
        const QJsonObject labels = property.value(u"options").toObject();
        for (const QJsonValue &value : property.value(u"enum").toArray()) {
            const QString text = value.isString() ? value.toString()
                                                  : QString::number(value.toDouble());
            choices.append(Choice{text, labels.value(text).toString()});
        }
        field = Field::choice(name, choices);
    } else if (type == "string"_L1) {
        field = Field::text(name);
        if (property.contains(u"minLength"))
            field->m_minLength = property.value(u"minLength").toInt();
        if (property.contains(u"maxLength"))
            field->m_maxLength = property.value(u"maxLength").toInt();
        field->m_pattern = property.value(u"pattern").toString();
    } else if (type == "integer"_L1) {
        field = Field::integer(name);
        if (property.contains(u"minimum"))
            field->m_minimum = qint64(property.value(u"minimum").toDouble());
        if (property.contains(u"maximum"))
            field->m_maximum = qint64(property.value(u"maximum").toDouble());
    } else if (type == "boolean"_L1) {
        field = Field::boolean(name);
        field->m_default.reset();
    } else {
        if (errorText)
            *errorText = tr("Field '%1' has an unsupported type '%2'.")
                             .arg(name, type);
        return std::nullopt;
    }
    const QString title = property.value(u"title").toString();
    if (title != name)
        field->m_label = title;
    field->m_description = property.value(u"description").toString();
    if (property.contains(u"default"))
        field->m_default = property.value(u"default");
    field->m_optional = !required;
    field->m_readOnly = property.value(u"uniforms").toObject().value(u"disabled").toBool();
    return field;
}

} // namespace wfo::forms
