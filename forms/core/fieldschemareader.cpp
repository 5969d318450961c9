// Field::fromJsonSchema: reads a pydantic-forms style property back into a Field. Schemas may
// come from another program or from a user's file, so every key is checked for its type and
// nothing here may crash or loop: references and nesting are followed to a fixed depth.
#include "field.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

constexpr int maxNesting = 8;

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (item.isString())
            list.append(item.toString());
        else if (item.isDouble())
            list.append(QString::number(item.toDouble()));
    }
    return list;
}

std::optional<qint64> toInt64(const QJsonValue &value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    const double d = value.toDouble();
    if (std::abs(d) > 9007199254740991.0)
        return std::nullopt;
    return qint64(d);
}

std::optional<int> toCount(const QJsonValue &value)
{
    const auto number = toInt64(value);
    if (!number || *number < 0 || *number > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(*number);
}

std::optional<double> toDouble(const QJsonValue &value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

// Follows `$ref`, `allOf: [{$ref}]` and `anyOf/oneOf: [X, {type: null}]` (pydantic's
// Optional[X]); keys of the property itself win over those of the referenced definition.
QJsonObject resolve(QJsonObject property, const QJsonObject &defs, bool *nullable)
{
    for (int step = 0; step < maxNesting; ++step) {
        QJsonObject base;
        if (property.value(u"$ref").isString()) {
            const QString ref = property.value(u"$ref").toString();
            const qsizetype slash = ref.lastIndexOf(u'/');
            base = defs.value(ref.mid(slash + 1)).toObject();
            property.remove(u"$ref"_s);
        } else if (property.value(u"allOf").isArray()) {
            base = property.value(u"allOf").toArray().at(0).toObject();
            property.remove(u"allOf"_s);
        } else {
            const QString key = property.contains(u"anyOf") ? u"anyOf"_s : u"oneOf"_s;
            const QJsonArray branches = property.value(key).toArray();
            if (branches.isEmpty())
                return property;
            for (const QJsonValue &branch : branches) {
                if (branch.toObject().value(u"type").toString() == "null"_L1)
                    *nullable = true;
                else if (base.isEmpty())
                    base = branch.toObject();
            }
            property.remove(key);
        }
        for (auto it = property.begin(); it != property.end(); ++it)
            base.insert(it.key(), it.value());
        property = base;
    }
    return property;
}

} // namespace

class FieldSchemaReader
{
    Q_DECLARE_TR_FUNCTIONS(wfo::forms::Field)

public:
    static std::optional<Field> read(const QString &name, const QJsonObject &input, bool required,
                                     QString *error, const QJsonObject &defs, int depth);

private:
    static std::optional<Field> readType(const QString &name, const QJsonObject &property,
                                         QString *error, const QJsonObject &defs, int depth);
};

std::optional<Field> FieldSchemaReader::readType(const QString &name, const QJsonObject &property,
                                                 QString *error, const QJsonObject &defs, int depth)
{
    QString type = property.value(u"type").toString();
    if (property.value(u"type").isArray()) {
        for (const QString &candidate : toStringList(property.value(u"type"))) {
            if (candidate != "null"_L1) {
                type = candidate;
                break;
            }
        }
    }
    const QString format = property.value(u"format").toString();
    const QJsonObject uniforms = property.value(u"uniforms").toObject();
    const QJsonValue defaultValue = property.value(u"default");
    PickerFilter filter {toStringList(uniforms.value(u"productIds")),
                         toStringList(uniforms.value(u"tags")),
                         toStringList(uniforms.value(u"statuses")),
                         {}};
    const QJsonObject unavailable = uniforms.value(u"unavailable").toObject();
    for (auto it = unavailable.constBegin(); it != unavailable.constEnd(); ++it)
        filter.unavailable.insert(it.key(), it.value().toString());

    if (property.contains(u"const"))
        return Field::readOnlyValue(name, property.value(u"const"));
    if (format == "label"_L1)
        return Field::infoLabel(name, defaultValue.toString());
    if (format == "divider"_L1)
        return Field::divider(name);
    if (format == "markdown"_L1) {
        Field field = Field::markdown(name, defaultValue.toObject().value(u"content").toString());
        field.m_variant = defaultValue.toObject().value(u"color").toString(u"primary"_s);
        return field;
    }
    if (format == "callout"_L1) {
        const QJsonObject data = defaultValue.toObject();
        return Field::callout(name, data.value(u"header").toString(),
                              data.value(u"message").toString(),
                              data.value(u"message_type").toString(u"info"_s));
    }
    if (format == "summary"_L1) {
        QJsonObject data = uniforms.value(u"data").toObject();
        if (data.isEmpty())
            data = property.value(u"extraProperties").toObject().value(u"data").toObject();
        SummaryData summary {
            toStringList(data.value(u"headers")), toStringList(data.value(u"labels")), {}};
        for (const QJsonValue &column : data.value(u"columns").toArray())
            summary.columns.append(toStringList(column));
        return Field::summary(name, summary);
    }
    if (format == "accept"_L1) {
        QList<Choice> items;
        for (const QJsonValue &item : property.value(u"data").toArray()) {
            const QJsonArray pair = item.toArray();
            items.append(Choice {pair.at(0).toString(), pair.at(1).toString()});
        }
        return Field::accept(name, items);
    }
    if (format == "hidden"_L1)
        return Field::hidden(name, defaultValue.isUndefined() ? QJsonValue() : defaultValue);
    if (format == "subscription"_L1)
        return Field::subscription(name).readOnly();

    static const QList<std::pair<QLatin1StringView, Field (*)(const QString &)>> byFormat {
        {"long"_L1, &Field::longText},
        {"timestamp"_L1, &Field::timestamp},
        {"date"_L1, &Field::date},
        {"ipvanyaddress"_L1, &Field::ipAddress},
        {"ipv4"_L1, &Field::ipAddress},
        {"ipv6"_L1, &Field::ipAddress},
        {"ipvanynetwork"_L1, &Field::ipPrefix},
        {"ipv4network"_L1, &Field::ipPrefix},
        {"ipv6network"_L1, &Field::ipPrefix},
        {"vlan"_L1, &Field::vlanRanges},
        {"uuid"_L1, &Field::uuid},
        {"customerId"_L1, &Field::customer},
        {"organisationId"_L1, &Field::customer},
        {"productId"_L1, &Field::product},
        {"subscriptionId"_L1, &Field::subscription},
    };
    for (const auto &[key, make] : byFormat) {
        if (format == key) {
            Field field = make(name);
            field.m_filter = filter;
            return field;
        }
    }

    if (property.value(u"enum").isArray()) {
        QList<Choice> choices;
        const QJsonObject labels = property.value(u"options").toObject();
        for (const QString &value : toStringList(property.value(u"enum"))) {
            const QString label = labels.value(value).toString();
            choices.append(Choice {value, label == value ? QString() : label});
        }
        Field field = Field::choice(name, choices);
        if (uniforms.value(u"checkboxes").isBool())
            field.m_choiceStyle =
                uniforms.value(u"checkboxes").toBool() ? ChoiceStyle::Radio : ChoiceStyle::DropDown;
        return field;
    }
    if (type == "array"_L1) {
        bool nullable = false;
        const QJsonObject items = resolve(property.value(u"items").toObject(), defs, &nullable);
        std::optional<Field> field;
        if (items.value(u"enum").isArray()) {
            auto choice = readType(name, items, error, defs, depth + 1);
            field = Field::multiChoice(name, choice ? choice->choices() : QList<Choice>());
        } else {
            auto item = read(name, items, true, error, defs, depth + 1);
            if (!item)
                return std::nullopt;
            field = Field::list(name, *item);
        }
        field->m_minItems = toCount(property.value(u"minItems"));
        field->m_maxItems = toCount(property.value(u"maxItems"));
        field->m_unique = property.value(u"uniqueItems").toBool();
        return field;
    }
    if (type == "object"_L1 && property.value(u"properties").toObject().contains(u"email"))
        return Field::contactPerson(name);
    if (type == "string"_L1)
        return Field::text(name);
    if (type == "integer"_L1)
        return Field::integer(name);
    if (type == "number"_L1)
        return Field::number(name);
    if (type == "boolean"_L1)
        return Field::boolean(name);
    if (error)
        *error = tr("Field '%1' has an unsupported type '%2'.").arg(name, type);
    return std::nullopt;
}

std::optional<Field> FieldSchemaReader::read(const QString &name, const QJsonObject &input,
                                             bool required, QString *error, const QJsonObject &defs,
                                             int depth)
{
    if (depth > maxNesting) {
        if (error)
            *error = tr("Field '%1' is nested too deeply.").arg(name);
        return std::nullopt;
    }
    bool nullable = false;
    const QJsonObject property = resolve(input, defs, &nullable);
    std::optional<Field> field = readType(name, property, error, defs, depth);
    if (!field)
        return std::nullopt;

    const QString title = property.value(u"title").toString();
    if (title != name)
        field->m_label = title;
    field->m_description = property.value(u"description").toString();
    field->m_optional = !required || nullable;
    field->m_readOnly = field->m_readOnly
        || (field->m_type != FieldType::ReadOnly
            && property.value(u"uniforms").toObject().value(u"disabled").toBool());
    const bool ownDefault = !field->isDisplayOnly() && field->m_type != FieldType::ReadOnly
        && field->m_type != FieldType::Hidden;
    if (ownDefault) {
        if (property.contains(u"default"))
            field->m_default = property.value(u"default");
        else if (field->m_type == FieldType::Boolean)
            field->m_default.reset();
    }
    switch (field->m_type) {
    case FieldType::Text:
    case FieldType::LongText:
        field->m_minLength = toCount(property.value(u"minLength"));
        field->m_maxLength = toCount(property.value(u"maxLength"));
        field->m_pattern = property.value(u"pattern").toString();
        break;
    case FieldType::Integer:
    case FieldType::Timestamp:
        field->m_minimum = toInt64(property.value(u"minimum"));
        field->m_maximum = toInt64(property.value(u"maximum"));
        break;
    case FieldType::Number:
        field->m_numberMinimum = toDouble(property.value(u"minimum"));
        field->m_numberMaximum = toDouble(property.value(u"maximum"));
        break;
    default:
        if (property.value(u"pattern").isString())
            field->m_pattern = property.value(u"pattern").toString();
        break;
    }
    // An empty answer becomes the default, so the default must be an answer the field takes:
    // pydantic does not check defaults, and a schema from elsewhere may carry one of the wrong
    // type (a text field defaulting to true). Such a default is dropped, a good one coerced.
    if (ownDefault && field->m_default && !field->m_default->isNull()) {
        ValidationErrors ignored;
        const std::optional<QJsonValue> accepted =
            field->validatePresent(*field->m_default, QJsonArray {name}, &ignored);
        if (accepted)
            field->m_default = *accepted;
        else
            field->m_default.reset();
    }
    return field;
}

std::optional<Field> Field::fromJsonSchema(const QString &name, const QJsonObject &property,
                                           bool required, QString *error, const QJsonObject &defs)
{
    return FieldSchemaReader::read(name, property, required, error, defs, 0);
}

} // namespace wfo::forms
