// The JSON-schema reader of form pages (pydantic-forms output, from packs and from the API).
// No schema crashes it; a refusal always says why; a page it reads writes a schema that reads
// back to the same fields; and the page validates any input without crashing, accepting what
// it accepted once again unchanged.
#include "fuzzsupport.h"

#include "forms/core/formpage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 16384)
        return 0;
    const QJsonDocument document = QJsonDocument::fromJson(wfo::fuzz::bytes(data, size));
    // An array is [schema, input]: the input then goes through the page it describes.
    const QJsonObject schema =
        document.isArray() ? document.array().at(0).toObject() : document.object();
    const QJsonObject input =
        document.isArray() ? document.array().at(1).toObject() : QJsonObject();
    QString error;
    const std::optional<FormPage> page = FormPage::fromJsonSchema(schema, &error);
    if (!page) {
        WFO_FUZZ_CHECK(!error.isEmpty(), QString::fromUtf8(document.toJson()));
        return 0;
    }
    const QJsonObject written = page->toJsonSchema();
    const std::optional<FormPage> again = FormPage::fromJsonSchema(written, &error);
    const QString detail = QString::fromUtf8(document.toJson()) + u"\n  wrote "_s
        + QString::fromUtf8(QJsonDocument(written).toJson()) + u"\n  "_s + error;
    WFO_FUZZ_CHECK(again, detail);
    WFO_FUZZ_CHECK(again->fields().size() == page->fields().size(), detail);
    for (qsizetype i = 0; i < page->fields().size(); ++i) {
        WFO_FUZZ_CHECK(again->fields().at(i).name() == page->fields().at(i).name()
                           && again->fields().at(i).type() == page->fields().at(i).type(),
                       detail);
    }
    // What the page accepts, it accepts again unchanged (stored input is replayed on Previous
    // and on resume).
    const PageValidation first = page->validate(input);
    if (first.isValid()) {
        const PageValidation second = page->validate(first.values);
        WFO_FUZZ_CHECK(
            second.isValid() && second.values == first.values,
            detail + u"\n  input "_s
                + QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)));
    }
    page->validate({});
    return 0;
}
