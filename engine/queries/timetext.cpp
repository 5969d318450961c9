#include "timetext.h"

#include "store/timestamps.h"

namespace wfo::queries {

QDateTime timestampFromText(const QString &text)
{
    return store::Timestamps::fromText(text);
}

} // namespace wfo::queries
