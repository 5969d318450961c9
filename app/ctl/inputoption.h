#pragma once
// The --input option of `start` and `resume`: JSON given inline or read from @FILE, either one
// object whose keys are handed to each form page by field name, or an array with one object
// per page (user_inputs).

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace wfo::ctl {

struct FormInput
{
    QJsonArray userInputs;
    std::optional<QJsonObject> object;
};

class InputOption
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::InputOption)

public:
    // Returns nothing and sets `error` (a sentence for the operator) when the text or the file
    // is not usable.
    static std::optional<FormInput> parse(const QString &text, QString *error);
};

} // namespace wfo::ctl
