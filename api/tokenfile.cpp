#include "tokenfile.h"

#include <QCryptographicHash>
#include <QFile>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

QByteArray hashOf(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool sameHash(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

std::optional<TokenFile> TokenFile::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the token file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther)) {
        *error = tr("The token file %1 may be read by anyone; make it private first "
                    "(chmod 600 %1).")
                     .arg(path);
        return std::nullopt;
    }
    return parse(file.readAll(), error);
}

std::optional<TokenFile> TokenFile::parse(const QByteArray &text, QString *error)
{
    TokenFile tokens;
    int number = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++number;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() != 2) {
            *error = tr("Line %1 of the token file is not 'TOKEN OPERATOR_NAME'.").arg(number);
            return std::nullopt;
        }
        if (parts.at(0).size() < 16) {
            *error = tr("The token on line %1 is shorter than 16 characters; use a long random "
                        "one (e.g. 'openssl rand -hex 32').")
                         .arg(number);
            return std::nullopt;
        }
        tokens.m_entries.append({hashOf(parts.at(0)), QString::fromUtf8(parts.at(1))});
    }
    if (tokens.m_entries.isEmpty()) {
        *error = tr("The token file holds no token.");
        return std::nullopt;
    }
    return tokens;
}

std::optional<QString> TokenFile::operatorFor(const QByteArray &token) const
{
    const QByteArray hash = hashOf(token);
    std::optional<QString> found;
    for (const Entry &entry : m_entries) {
        // Every entry is compared, so the time does not tell which one matched.
        if (sameHash(entry.hash, hash) && !found)
            found = entry.operatorName;
    }
    return found;
}

} // namespace wfo::api
