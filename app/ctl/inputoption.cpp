#include "inputoption.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

std::optional<FormInput> InputOption::parse(const QString &text, QString *error)
{
    QByteArray bytes;
    QString origin = tr("--input");
    if (text.startsWith(u'@')) {
        const QString path = text.mid(1);
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the input file '%1': %2")
                         .arg(path, path.isEmpty() ? tr("no file name given") : file.errorString());
            return std::nullopt;
        }
        bytes = file.readAll();
        origin = tr("the input file '%1'").arg(path);
    } else {
        bytes = text.toUtf8();
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("The JSON in %1 is malformed at offset %2: %3.")
                     .arg(origin)
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject() && !document.isArray()) {
        *error = tr("The JSON in %1 must be an object or an array of objects.").arg(origin);
        return std::nullopt;
    }
    FormInput input;
    if (document.isObject()) {
        input.object = document.object();
        return input;
    }
    const QJsonArray pages = document.array();
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (!pages.at(i).isObject()) {
            *error = tr("Element %1 of the JSON array in %2 is not an object; give one object "
                        "per form page.")
                         .arg(i)
                         .arg(origin);
            return std::nullopt;
        }
    }
    input.userInputs = pages;
    return input;
}

} // namespace wfo::ctl
