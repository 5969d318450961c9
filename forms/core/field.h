#pragma once
// One input (or read-only element) of a form page: its type, constraints and how it validates.
// Fields are values built fluently: Field::integer(u"vlan"_s).label(tr("VLAN")).range(2, 4094).

#include "validationerror.h"
#include "wfo_forms_export.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace wfo::forms {

enum class FieldType {
    Text,
    Integer,
    Boolean,
    Choice,
};

WFO_FORMS_EXPORT QString toString(FieldType type);

struct Choice
{
    QString value;
    QString label; // shown to the operator; the value when empty
    QString displayText() const { return label.isEmpty() ? value : label; }
    friend bool operator==(const Choice &, const Choice &) = default;
};

class WFO_FORMS_EXPORT Field
{
    Q_DECLARE_TR_FUNCTIONS(wfo::forms::Field)

public:
    static Field text(const QString &name);
    static Field integer(const QString &name);
    static Field boolean(const QString &name);
    static Field choice(const QString &name, const QList<Choice> &choices);

    Field &label(const QString &text);
    Field &description(const QString &text);
    Field &optional(bool isOptional = true);
    Field &defaultValue(const QJsonValue &value);
    Field &range(std::optional<qint64> minimum, std::optional<qint64> maximum);
    Field &length(std::optional<int> minimum, std::optional<int> maximum);
    Field &pattern(const QString &regularExpression);
    Field &readOnly(bool isReadOnly = true);

    QString name() const { return m_name; }
    FieldType type() const { return m_type; }
    QString labelText() const { return m_label.isEmpty() ? m_name : m_label; }
    QString descriptionText() const { return m_description; }
    bool isRequired() const { return !m_optional && !m_default.has_value(); }
    bool isReadOnly() const { return m_readOnly; }
    std::optional<QJsonValue> defaultValue() const { return m_default; }
    const QList<Choice> &choices() const { return m_choices; }
    std::optional<qint64> minimum() const { return m_minimum; }
    std::optional<qint64> maximum() const { return m_maximum; }
    std::optional<int> minLength() const { return m_minLength; }
    std::optional<int> maxLength() const { return m_maxLength; }
    QString patternText() const { return m_pattern; }

    // Validates and coerces one value (absent values are QJsonValue::Undefined). On success the
    // coerced value is returned; errors carry `loc` starting with the field's name.
    std::optional<QJsonValue> validate(const QJsonValue &value, ValidationErrors *errors) const;

    // The JSON schema property for this field (pydantic-forms compatible) and the way back.
    QJsonObject toJsonSchema() const;
    static std::optional<Field> fromJsonSchema(const QString &name, const QJsonObject &property,
                                               bool required, QString *error);

private:
    Field(const QString &name, FieldType type) : m_name(name), m_type(type) { }

    QString m_name;
    FieldType m_type;
    QString m_label;
    QString m_description;
    bool m_optional = false;
    bool m_readOnly = false;
    std::optional<QJsonValue> m_default;
    QList<Choice> m_choices;
    std::optional<qint64> m_minimum;
    std::optional<qint64> m_maximum;
    std::optional<int> m_minLength;
    std::optional<int> m_maxLength;
    QString m_pattern;
};

} // namespace wfo::forms
