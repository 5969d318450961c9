#include "actionresult.h"

namespace wfo {

ActionResult ActionResult::failure(Outcome outcome, const QString &message)
{
    ActionResult result;
    result.outcome = outcome;
    result.message = message;
    return result;
}

} // namespace wfo
