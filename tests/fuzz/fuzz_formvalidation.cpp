// Form input validation for every field type (the gallery page holds one of each). No value
// crashes a field; a rejected value always carries an error located at the field; and what a
// field accepts it accepts again unchanged (the coerced value is what gets stored and may be
// validated again on a later page or a retry).
#include "fuzzsupport.h"

#include "forms/core/gallery.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 16384)
        return 0;
    static const FormPage page = galleryPage();
    const QByteArray raw = wfo::fuzz::bytes(data, size);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    // Text that is no JSON is tried as a string value, as a text box would send it.
    QJsonValue value = QJsonValue(QString::fromUtf8(raw));
    if (parseError.error == QJsonParseError::NoError)
        value = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    // A one-element array stands for its element, so that numbers and booleans get tried too.
    if (value.isArray() && value.toArray().size() == 1)
        value = value.toArray().at(0);

    for (const Field &field : page.fields()) {
        ValidationErrors errors;
        const std::optional<QJsonValue> accepted = field.validate(value, &errors);
        const QString detail = field.name() + u": "_s + QString::fromUtf8(raw);
        if (!accepted) {
            WFO_FUZZ_CHECK(!errors.isEmpty(), detail);
            continue;
        }
        ValidationErrors again;
        const std::optional<QJsonValue> reaccepted = field.validate(*accepted, &again);
        WFO_FUZZ_CHECK(
            reaccepted && *reaccepted == *accepted,
            detail + u" -> "_s
                + QString::fromUtf8(
                    QJsonDocument(QJsonArray {*accepted}).toJson(QJsonDocument::Compact)));
    }
    if (value.isObject())
        page.validate(value.toObject());
    return 0;
}
