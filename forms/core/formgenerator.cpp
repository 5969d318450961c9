#include "formgenerator.h"

#include <QCoreApplication>

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

// Thrown through the author's generator to stop it at the first unanswered or invalid page.
// It deliberately does not derive from std::exception so `catch (const std::exception &)` in
// a generator cannot swallow it.
struct FormInterrupt
{
    FormResult result;
};

} // namespace

FormSession::FormSession(const QJsonObject &state, const QJsonArray &userInputs)
    : m_state(state)
    , m_userInputs(userInputs)
{ }

QJsonObject FormSession::page(const FormPage &page)
{
    const int index = m_index++;
    FormResult result;
    result.pageIndex = index;
    result.page = page;
    result.values = m_values;
    if (index >= m_userInputs.size()) {
        result.kind = FormResult::Kind::NeedsInput;
        throw FormInterrupt { result };
    }
    const PageValidation validation = page.validate(m_userInputs.at(index).toObject());
    if (!validation.isValid()) {
        result.kind = FormResult::Kind::Invalid;
        result.errors = validation.errors;
        throw FormInterrupt { result };
    }
    for (auto it = validation.values.begin(); it != validation.values.end(); ++it)
        m_values.insert(it.key(), it.value());
    return validation.values;
}

FormResult runForm(const FormGenerator &generator, const QJsonObject &state,
                   const QJsonArray &userInputs)
{
    FormSession session(state, userInputs);
    FormResult result;
    try {
        const QJsonObject extra = generator ? generator(session) : QJsonObject();
        result.kind = FormResult::Kind::Done;
        result.values = session.values();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            result.values.insert(it.key(), it.value());
    } catch (const FormInterrupt &interrupt) {
        result = interrupt.result;
    } catch (const std::exception &e) {
        result.kind = FormResult::Kind::Error;
        result.message = QString::fromUtf8(e.what());
    } catch (...) {
        result.kind = FormResult::Kind::Error;
        result.message = QCoreApplication::translate("wfo::forms", "The form failed.");
    }
    result.userInputs = userInputs;
    return result;
}

FormResult runFormWithObject(const FormGenerator &generator, const QJsonObject &state,
                             const QJsonObject &input)
{
    // A generator that keeps asking for pages is cut off rather than looped on forever.
    constexpr int maxPages = 200;
    QJsonArray userInputs;
    for (;;) {
        FormResult result = runForm(generator, state, userInputs);
        if (result.kind != FormResult::Kind::NeedsInput || userInputs.size() >= maxPages)
            return result;
        QJsonObject answer;
        for (const Field &field : result.page.fields()) {
            if (input.contains(field.name()))
                answer.insert(field.name(), input.value(field.name()));
        }
        // Nothing given for a page that needs answers: ask for it rather than report errors.
        const bool needsAnswers =
            std::any_of(result.page.fields().begin(), result.page.fields().end(),
                        [](const Field &field) { return field.isRequired(); });
        if (answer.isEmpty() && needsAnswers)
            return result;
        userInputs.append(answer);
    }
}

QJsonObject toJson(const FormResult &result)
{
    switch (result.kind) {
    case FormResult::Kind::NeedsInput:
        return QJsonObject { { u"status"_s, u"needs_input"_s },
                             { u"page_index"_s, result.pageIndex },
                             { u"schema"_s, result.page.toJsonSchema() } };
    case FormResult::Kind::Invalid: {
        QJsonArray formErrors;
        for (const ValidationError &error : result.errors) {
            if (error.loc.isEmpty())
                formErrors.append(error.msg);
        }
        return QJsonObject { { u"status"_s, u"invalid"_s },
                             { u"page_index"_s, result.pageIndex },
                             { u"schema"_s, result.page.toJsonSchema() },
                             { u"errors"_s, toJson(result.errors) },
                             { u"form_errors"_s, formErrors } };
    }
    case FormResult::Kind::Done:
        return QJsonObject { { u"status"_s, u"done"_s },
                             { u"values"_s, result.values },
                             { u"user_inputs"_s, result.userInputs } };
    case FormResult::Kind::Error:
        break;
    }
    return QJsonObject { { u"status"_s, u"error"_s }, { u"message"_s, result.message } };
}

} // namespace wfo::forms
