#pragma once
// The OpenAPI 3 document of the routes the API serves (GET /api/openapi.json). The suite
// tst_api checks that every route of the router is in it, and tst_openapi validates it with a
// real OpenAPI validator.

#include "wfo_api_export.h"

#include <QJsonObject>

namespace wfo::api {

class WFO_API_EXPORT OpenApi
{
public:
    static QJsonObject document();
};

} // namespace wfo::api
