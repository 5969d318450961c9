#pragma once
// One input (or read-only element) of a form page: its type, constraints and how it validates.
// Fields are values built fluently: Field::integer(u"vlan"_s).label(tr("VLAN")).range(2, 4094).
// Validation lives in fieldvalidation.cpp, the JSON schema mapping in fieldschema.cpp.

#include "validationerror.h"
#include "wfo_forms_export.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace wfo::forms {

enum class FieldType {
    Text,
    Integer,
    Boolean,
    Choice,
    LongText,
    Number,
    MultiChoice,
    List, // a repeatable list of items of one field type
    Label,
    Divider,
    Markdown,
    Callout,
    Summary,
    Accept, // a checklist that must be fully ticked
    ReadOnly,
    Hidden,
    Timestamp, // seconds since the epoch
    Date, // ISO 8601 date
    IpAddress,
    IpPrefix,
    VlanRanges,
    Uuid,
    Customer,
    Product,
    Subscription,
    ContactPerson, // {name, email, phone}
};

WFO_FORMS_EXPORT QString toString(FieldType type);

struct Choice
{
    QString value;
    QString label; // shown to the operator; the value when empty
    QString displayText() const { return label.isEmpty() ? value : label; }
    friend bool operator==(const Choice &, const Choice &) = default;
};

// How a single choice is shown; Automatic means radio buttons up to three choices.
enum class ChoiceStyle { Automatic, Radio, DropDown };

// A read-only table: `labels` are the row headers, `columns` hold one list of cells per header.
struct SummaryData
{
    QStringList headers;
    QStringList labels;
    QList<QStringList> columns;
    friend bool operator==(const SummaryData &, const SummaryData &) = default;
};

// Narrows what a customer, product or subscription picker offers.
struct PickerFilter
{
    QStringList productIds;
    QStringList tags;
    QStringList statuses;
    // Entries the filter lets through that still cannot be chosen, with the reason (the id of
    // a subscription -> "The node has a system service already: …"). A picker shows them
    // disabled with the reason; validation refuses them with it. In the JSON schema it is the
    // `unavailable` object of `uniforms`.
    QMap<QString, QString> unavailable;
    bool isEmpty() const
    {
        return productIds.isEmpty() && tags.isEmpty() && statuses.isEmpty()
            && unavailable.isEmpty();
    }
    friend bool operator==(const PickerFilter &, const PickerFilter &) = default;
};

class WFO_FORMS_EXPORT Field
{
    Q_DECLARE_TR_FUNCTIONS(wfo::forms::Field)

public:
    static Field text(const QString &name);
    static Field longText(const QString &name);
    static Field integer(const QString &name);
    static Field number(const QString &name);
    static Field boolean(const QString &name);
    static Field choice(const QString &name, const QList<Choice> &choices);
    static Field multiChoice(const QString &name, const QList<Choice> &choices);
    static Field list(const QString &name, const Field &item);
    // Display-only elements: they collect no input.
    static Field infoLabel(const QString &name, const QString &text);
    static Field divider(const QString &name);
    static Field markdown(const QString &name, const QString &content);
    // `variant` is one of "info", "success", "warning", "danger".
    static Field callout(const QString &name, const QString &header, const QString &message,
                         const QString &variant = QStringLiteral("info"));
    static Field summary(const QString &name, const SummaryData &data);
    static Field accept(const QString &name, const QList<Choice> &items);
    static Field readOnlyValue(const QString &name, const QJsonValue &value);
    static Field hidden(const QString &name, const QJsonValue &value);
    static Field timestamp(const QString &name);
    static Field date(const QString &name);
    static Field ipAddress(const QString &name);
    static Field ipPrefix(const QString &name);
    static Field vlanRanges(const QString &name);
    static Field uuid(const QString &name);
    static Field customer(const QString &name);
    static Field product(const QString &name);
    static Field subscription(const QString &name);
    static Field contactPerson(const QString &name);

    Field &label(const QString &text);
    Field &description(const QString &text);
    Field &optional(bool isOptional = true);
    Field &defaultValue(const QJsonValue &value);
    Field &range(std::optional<qint64> minimum, std::optional<qint64> maximum);
    Field &numberRange(std::optional<double> minimum, std::optional<double> maximum);
    Field &length(std::optional<int> minimum, std::optional<int> maximum);
    Field &pattern(const QString &regularExpression);
    Field &readOnly(bool isReadOnly = true);
    Field &items(std::optional<int> minimum, std::optional<int> maximum);
    Field &unique(bool isUnique = true);
    Field &style(ChoiceStyle style);
    Field &filter(const PickerFilter &filter);

    QString name() const { return m_name; }
    FieldType type() const { return m_type; }
    QString labelText() const { return m_label.isEmpty() ? m_name : m_label; }
    QString descriptionText() const { return m_description; }
    bool isRequired() const;
    bool isReadOnly() const { return m_readOnly || m_type == FieldType::ReadOnly; }
    // Labels, dividers, markdown, callouts and summaries: shown, never answered.
    bool isDisplayOnly() const;
    std::optional<QJsonValue> defaultValue() const { return m_default; }
    const QList<Choice> &choices() const { return m_choices; }
    ChoiceStyle choiceStyle() const { return m_choiceStyle; }
    std::optional<qint64> minimum() const { return m_minimum; }
    std::optional<qint64> maximum() const { return m_maximum; }
    std::optional<double> numberMinimum() const { return m_numberMinimum; }
    std::optional<double> numberMaximum() const { return m_numberMaximum; }
    std::optional<int> minLength() const { return m_minLength; }
    std::optional<int> maxLength() const { return m_maxLength; }
    QString patternText() const { return m_pattern; }
    std::optional<int> minItems() const { return m_minItems; }
    std::optional<int> maxItems() const { return m_maxItems; }
    bool isUnique() const { return m_unique; }
    const Field *itemField() const { return m_item.get(); }
    QString contentText() const { return m_content; } // label text, markdown, callout message
    QString headerText() const { return m_header; } // callout header
    QString variant() const { return m_variant; } // callout or markdown colour
    const SummaryData &summaryData() const { return m_summary; }
    const PickerFilter &pickerFilter() const { return m_filter; }

    // Validates and coerces one value (absent values are QJsonValue::Undefined). On success the
    // coerced value is returned; errors carry `loc` starting with the field's name.
    std::optional<QJsonValue> validate(const QJsonValue &value, ValidationErrors *errors) const;

    // The JSON schema property for this field (pydantic-forms compatible) and the way back.
    // Shared definitions (choice enums, the contact person object) go into `defs` when given,
    // and are inlined otherwise.
    QJsonObject toJsonSchema(QJsonObject *defs = nullptr) const;
    static std::optional<Field> fromJsonSchema(const QString &name, const QJsonObject &property,
                                               bool required, QString *error,
                                               const QJsonObject &defs = {});

private:
    friend class FieldSchemaReader;
    Field(const QString &name, FieldType type)
        : m_name(name)
        , m_type(type)
    { }

    std::optional<QJsonValue> validateAt(const QJsonValue &value, const QJsonArray &loc,
                                         ValidationErrors *errors) const;
    std::optional<QJsonValue> validatePresent(const QJsonValue &value, const QJsonArray &loc,
                                              ValidationErrors *errors) const;
    std::optional<QJsonValue> validateText(const QJsonValue &value, const QJsonArray &loc,
                                           ValidationErrors *errors) const;
    std::optional<QJsonValue> validateNumber(const QJsonValue &value, const QJsonArray &loc,
                                             ValidationErrors *errors) const;
    std::optional<QJsonValue> validateArray(const QJsonValue &value, const QJsonArray &loc,
                                            ValidationErrors *errors) const;
    std::optional<QJsonValue> validateFormatted(const QJsonValue &value, const QJsonArray &loc,
                                                ValidationErrors *errors) const;
    std::optional<QJsonValue> validateContact(const QJsonValue &value, const QJsonArray &loc,
                                              ValidationErrors *errors) const;
    QString definitionName() const;

    QString m_name;
    FieldType m_type;
    QString m_label;
    QString m_description;
    bool m_optional = false;
    bool m_readOnly = false;
    bool m_unique = false;
    std::optional<QJsonValue> m_default;
    QList<Choice> m_choices; // choices, or the items of an accept checklist
    ChoiceStyle m_choiceStyle = ChoiceStyle::Automatic;
    std::optional<qint64> m_minimum;
    std::optional<qint64> m_maximum;
    std::optional<double> m_numberMinimum;
    std::optional<double> m_numberMaximum;
    std::optional<int> m_minLength;
    std::optional<int> m_maxLength;
    std::optional<int> m_minItems;
    std::optional<int> m_maxItems;
    QString m_pattern;
    std::shared_ptr<const Field> m_item;
    QString m_content;
    QString m_header;
    QString m_variant;
    SummaryData m_summary;
    PickerFilter m_filter;
};

} // namespace wfo::forms
