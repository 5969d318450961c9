#include "valueformats.h"

#include <QList>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace wfo::forms::formats {

namespace {

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool parseIpv4(QStringView text, std::array<quint8, 4> *bytes)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    for (qsizetype i = 0; i < 4; ++i) {
        const QStringView part = parts.at(i);
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == u'0'))
            return false;
        int value = 0;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return false;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > 255)
            return false;
        (*bytes)[size_t(i)] = quint8(value);
    }
    return true;
}

bool parseGroups(QStringView text, QList<quint16> *groups, int maxGroups, bool allowIpv4Tail)
{
    if (text.isEmpty())
        return true;
    const auto parts = text.split(u':');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts.at(i);
        if (allowIpv4Tail && i == parts.size() - 1 && part.contains(u'.')) {
            std::array<quint8, 4> v4 {};
            if (!parseIpv4(part, &v4))
                return false;
            groups->append(quint16(v4[0] << 8 | v4[1]));
            groups->append(quint16(v4[2] << 8 | v4[3]));
            continue;
        }
        if (part.isEmpty() || part.size() > 4 || !std::all_of(part.begin(), part.end(), isHexDigit))
            return false;
        groups->append(quint16(part.toUInt(nullptr, 16)));
    }
    return groups->size() <= maxGroups;
}

// Fills 16 bytes; returns false on anything that is not an IPv6 address.
bool parseIpv6(QStringView text, std::array<quint8, 16> *bytes)
{
    if (text.size() > 45 || text.count(u"::") > 1)
        return false;
    QList<quint16> head;
    QList<quint16> tail;
    const qsizetype gap = text.indexOf(u"::");
    if (gap < 0) {
        if (!parseGroups(text, &head, 8, true) || head.size() != 8)
            return false;
    } else {
        if (!parseGroups(text.left(gap), &head, 7, false)
            || !parseGroups(text.mid(gap + 2), &tail, 7, true) || head.size() + tail.size() > 7)
            return false;
    }
    QList<quint16> all = head;
    all.resize(8 - tail.size(), 0);
    all.append(tail);
    for (int i = 0; i < 8; ++i) {
        (*bytes)[size_t(2 * i)] = quint8(all.at(i) >> 8);
        (*bytes)[size_t(2 * i + 1)] = quint8(all.at(i) & 0xff);
    }
    return true;
}

} // namespace

std::optional<QString> ipAddress(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    std::array<quint8, 4> v4 {};
    std::array<quint8, 16> v6 {};
    if (parseIpv4(trimmed, &v4) || parseIpv6(trimmed, &v6))
        return trimmed.toString().toLower();
    return std::nullopt;
}

std::optional<QString> ipPrefix(QStringView text, PrefixProblem *problem)
{
    if (problem)
        *problem = PrefixProblem::Syntax;
    const QStringView trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(u'/');
    if (slash <= 0)
        return std::nullopt;
    const QStringView address = trimmed.left(slash);
    const QStringView lengthText = trimmed.mid(slash + 1);
    bool ok = false;
    const uint length = lengthText.toUInt(&ok);
    if (!ok || lengthText.isEmpty() || lengthText.size() > 3 || !lengthText.front().isDigit())
        return std::nullopt;

    std::array<quint8, 16> bytes {};
    size_t byteCount = 0;
    std::array<quint8, 4> v4 {};
    if (parseIpv4(address, &v4)) {
        std::copy(v4.begin(), v4.end(), bytes.begin());
        byteCount = 4;
    } else if (parseIpv6(address, &bytes)) {
        byteCount = 16;
    } else {
        return std::nullopt;
    }
    if (length > byteCount * 8)
        return std::nullopt;
    for (size_t bit = length; bit < byteCount * 8; ++bit) {
        if (bytes[bit / 8] & (0x80 >> (bit % 8))) {
            if (problem)
                *problem = PrefixProblem::HostBitsSet;
            return std::nullopt;
        }
    }
    if (problem)
        *problem = PrefixProblem::None;
    return trimmed.toString().toLower();
}

std::optional<QString> vlanRanges(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 10000)
        return std::nullopt;
    QList<std::pair<int, int>> ranges;
    for (QStringView part : trimmed.split(u',')) {
        part = part.trimmed();
        const qsizetype dash = part.indexOf(u'-');
        const QStringView first = (dash < 0 ? part : part.left(dash)).trimmed();
        const QStringView last = (dash < 0 ? part : part.mid(dash + 1)).trimmed();
        bool okFirst = false;
        bool okLast = false;
        const int from = first.size() <= 4 ? first.toInt(&okFirst) : 0;
        const int to = last.size() <= 4 ? last.toInt(&okLast) : 0;
        if (!okFirst || !okLast || !first.front().isDigit() || !last.front().isDigit() || from < 1
            || to > 4094 || from > to)
            return std::nullopt;
        ranges.append({ from, to });
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<int, int>> merged;
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, range.second);
        else
            merged.append(range);
    }
    QStringList parts;
    for (const auto &[from, to] : std::as_const(merged))
        parts.append(from == to ? QString::number(from)
                                : QString::number(from) + u'-' + QString::number(to));
    return parts.join(u',');
}

std::optional<QString> uuid(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.size() != 36 && trimmed.size() != 38)
        return std::nullopt;
    const QUuid id = QUuid::fromString(trimmed);
    if (id.isNull() && trimmed != u"00000000-0000-0000-0000-000000000000")
        return std::nullopt;
    return id.toString(QUuid::WithoutBraces);
}

bool isEmail(QStringView text)
{
    static const QRegularExpression re(uR"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)"_s);
    return text.size() <= 320 && re.match(text).hasMatch();
}

bool couldBeIpAddress(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return isHexDigit(c) || c == u'.' || c == u':' || c == u'/';
    });
}

bool couldBeVlanRanges(QStringView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c.isDigit() || c == u'-' || c == u',' || c == u' '; });
}

bool couldBeUuid(QStringView text)
{
    return text.size() <= 38 && std::all_of(text.begin(), text.end(), [](QChar c) {
               return isHexDigit(c) || c == u'-' || c == u'{' || c == u'}';
           });
}

} // namespace wfo::forms::formats
