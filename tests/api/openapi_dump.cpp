// Prints the API's OpenAPI document, for tst_openapi to hand to a real validator.
#include "api/openapi.h"

#include <QJsonDocument>

#include <cstdio>

int main()
{
    const QByteArray text = QJsonDocument(wfo::api::OpenApi::document()).toJson();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return 0;
}
