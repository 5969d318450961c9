#pragma once
// Multi-page forms written as plain functions. A generator asks for pages one at a time with
// FormSession::page(); the answers come from the list of answers so far (user_inputs), so a
// form is replayed from the start each time and needs no server-side session: "Previous" is
// dropping the last answer. The generator's return value is merged over all pages' values.
//
//   FormGenerator form = [](FormSession &session) {
//       const QJsonObject first = session.page(FormPage(tr("Node"), {Field::text(u"name"_s)}));
//       if (first[u"name"].toString().startsWith(u"ams"))
//           session.page(amsterdamPage());
//       return QJsonObject{{u"site"_s, u"ams"_s}};
//   };
//
// Do not catch exceptions around session.page(): it unwinds the generator when it needs input.

#include "formpage.h"
#include "wfo_forms_export.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace wfo::forms {

class WFO_FORMS_EXPORT FormSession
{
public:
    FormSession(const QJsonObject &state, const QJsonArray &userInputs);

    // Returns the validated values for this page, or unwinds when it has no (valid) answer.
    QJsonObject page(const FormPage &page);

    // The process state the form runs against (for defaults and choices).
    const QJsonObject &state() const { return m_state; }
    // Values of all pages answered so far, merged.
    const QJsonObject &values() const { return m_values; }

private:
    QJsonObject m_state;
    QJsonArray m_userInputs;
    QJsonObject m_values;
    int m_index = 0;
};

using FormGenerator = std::function<QJsonObject(FormSession &session)>;

struct FormResult
{
    enum class Kind {
        NeedsInput, // `page` (number `pageIndex`) has to be answered next
        Invalid, // the answer to `page` has `errors`
        Done, // `values` holds the form's result
        Error, // the generator itself failed; `message` says why
    };
    Kind kind = Kind::Done;
    int pageIndex = 0;
    FormPage page;
    ValidationErrors errors;
    QJsonObject values;
    QJsonArray userInputs; // the answers used, one object per page
    QString message;

    bool isDone() const { return kind == Kind::Done; }
};

// Replays `generator` with the answers so far.
WFO_FORMS_EXPORT FormResult runForm(const FormGenerator &generator, const QJsonObject &state,
                                    const QJsonArray &userInputs);

// Like runForm, but with one object holding the answers for all pages by field name: each page
// takes the keys that name its fields (as `orchestratorctl --input '{...}'` does).
WFO_FORMS_EXPORT FormResult runFormWithObject(const FormGenerator &generator,
                                              const QJsonObject &state, const QJsonObject &input);

// The result as tools print it (`orchestratorctl` exits 3 on needs_input, 4 on invalid):
//   {"status": "needs_input", "page_index": 1, "schema": {...}}
//   {"status": "invalid", "page_index": 1, "schema": {...},
//    "errors": [{"loc": ["vlan"], "msg": "...", "type": "..."}], "form_errors": ["..."]}
//   {"status": "done", "values": {...}, "user_inputs": [...]}
//   {"status": "error", "message": "..."}
WFO_FORMS_EXPORT QJsonObject toJson(const FormResult &result);

} // namespace wfo::forms
