#pragma once
// A validation error as pydantic-forms reports it: where (`loc`), what (`msg`) and why (`type`).

#include "wfo_forms_export.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace wfo::forms {

struct WFO_FORMS_EXPORT ValidationError
{
    QJsonArray loc; // field name, then list indices or nested names; empty for form-level errors
    QString msg; // translated, readable sentence
    QString type; // machine-readable, e.g. "missing", "int_parsing", "enum"

    QString field() const { return loc.isEmpty() ? QString() : loc.first().toString(); }
    QJsonObject toJson() const;
    static ValidationError fromJson(const QJsonObject &object);
    friend bool operator==(const ValidationError &, const ValidationError &) = default;
};

using ValidationErrors = QList<ValidationError>;

WFO_FORMS_EXPORT QJsonArray toJson(const ValidationErrors &errors);

} // namespace wfo::forms
