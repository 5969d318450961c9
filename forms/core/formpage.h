#pragma once
// A page of a form: a title, its fields and page-level validators. Validating a page's input
// yields the coerced values (defaults filled in) or pydantic-forms style errors.

#include "field.h"
#include "validationerror.h"
#include "wfo_forms_export.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace wfo::forms {

// A page-level validator sees the already coerced values of all fields and returns errors;
// an error with an empty `loc` is a form-level error.
using PageValidator = std::function<ValidationErrors(const QJsonObject &values)>;

struct PageValidation
{
    QJsonObject values;
    ValidationErrors errors;
    bool isValid() const { return errors.isEmpty(); }
};

class WFO_FORMS_EXPORT FormPage
{
    Q_DECLARE_TR_FUNCTIONS(wfo::forms::FormPage)

public:
    FormPage() = default;
    explicit FormPage(const QString &title, const QList<Field> &fields = {});

    FormPage &add(const Field &field);
    FormPage &validator(const PageValidator &validator);

    QString title() const { return m_title; }
    const QList<Field> &fields() const { return m_fields; }
    const Field *field(const QString &name) const;

    // Unknown keys in `input` are ignored: they may belong to other pages.
    PageValidation validate(const QJsonObject &input) const;

    // JSON schema as pydantic-forms emits it: {title, type: object, properties, required}.
    QJsonObject toJsonSchema() const;
    static std::optional<FormPage> fromJsonSchema(const QJsonObject &schema, QString *error);

private:
    QString m_title;
    QList<Field> m_fields;
    QList<PageValidator> m_validators;
};

} // namespace wfo::forms
