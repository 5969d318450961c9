// The database URL parser (--db, WFO_DATABASE_URL, the console's chooser). No input crashes it,
// a refusal always says why, the text shown to people never depends on the password, and the
// full URL reads back to the same location.
#include "fuzzsupport.h"

#include "store/databaseurl.h"

using namespace Qt::StringLiterals;
using namespace wfo::store;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString input = wfo::fuzz::text(data, size);
    QString error;
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(input, &error);
    if (!url) {
        WFO_FUZZ_CHECK(!error.isEmpty(), input);
        return 0;
    }
    // What is shown does not depend on the password, only on whether there is one (shown as
    // ***); a substring test would trip over passwords such as "post" that the scheme spells.
    if (!url->password.isEmpty()) {
        DatabaseUrl other = *url;
        other.password = url->password + u"x"_s;
        WFO_FUZZ_CHECK(other.displayString() == url->displayString(), input);
    }
    // The full URL (with the password, for connecting) reads back to the same location.
    const std::optional<DatabaseUrl> again = DatabaseUrl::parse(url->toString(), nullptr);
    WFO_FUZZ_CHECK(again && again->kind == url->kind && again->path == url->path
                       && again->host == url->host && again->port == url->port
                       && again->database == url->database && again->user == url->user
                       && again->password == url->password,
                   input + u" -> "_s + url->toString());
    return 0;
}
