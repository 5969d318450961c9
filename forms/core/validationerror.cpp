#include "validationerror.h"

using namespace Qt::StringLiterals;

namespace wfo::forms {

QJsonObject ValidationError::toJson() const
{
    return QJsonObject { { u"loc"_s, loc }, { u"msg"_s, msg }, { u"type"_s, type } };
}

ValidationError ValidationError::fromJson(const QJsonObject &object)
{
    return ValidationError { object.value(u"loc").toArray(), object.value(u"msg").toString(),
                             object.value(u"type").toString() };
}

QJsonArray toJson(const ValidationErrors &errors)
{
    QJsonArray array;
    for (const ValidationError &error : errors)
        array.append(error.toJson());
    return array;
}

} // namespace wfo::forms
