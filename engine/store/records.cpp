#include "records.h"

#include <QJsonArray>
#include <QJsonDocument>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

using namespace Qt::StringLiterals;

namespace wfo::store {

JsonText::JsonText(const QJsonObject &object)
    : m_object(object)
    , m_text(render(object))
    , m_rendered(true)
{ }

QString JsonText::of(const QJsonObject &object) const
{
    return m_rendered && object == m_object ? m_text : render(object);
}

namespace {

// Whether `text` holds a character that JSON escapes (below U+0020, a quote, a backslash) or a
// surrogate; eight characters at a time where the processor can.
bool needsEscaping(QStringView text)
{
    const char16_t *c = text.utf16();
    const char16_t *const end = c + text.size();
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    const __m128i control = _mm_set1_epi16(short(0xffe0)); // v & control == 0: v < U+0020
    const __m128i quote = _mm_set1_epi16(u'"');
    const __m128i backslash = _mm_set1_epi16(u'\\');
    const __m128i surrogateBits = _mm_set1_epi16(short(0xf800));
    const __m128i surrogate = _mm_set1_epi16(short(0xd800));
    for (; end - c >= 8; c += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(c));
        __m128i hit = _mm_cmpeq_epi16(_mm_and_si128(v, control), zero);
        hit = _mm_or_si128(hit, _mm_cmpeq_epi16(v, quote));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi16(v, backslash));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi16(_mm_and_si128(v, surrogateBits), surrogate));
        if (_mm_movemask_epi8(hit) != 0)
            return true;
    }
#endif
    for (; c != end; ++c) {
        if (*c < 0x20 || *c == u'"' || *c == u'\\' || (*c & 0xf800) == 0xd800)
            return true;
    }
    return false;
}

// The compact JSON text of objects, written straight into UTF-16. Qt's own writer encodes
// every string to UTF-8 a character at a time into a growing buffer, and the store then
// decodes its result again: the state of a step cost more to render than to store
// (docs/performance.md, "Engine"). The text is the very text Qt writes: a string that Qt
// would escape (a control character, a quote, a backslash, a lone surrogate) sends the whole
// object to Qt's writer instead, and a number is formatted by the same call Qt makes.
class CompactWriter
{
public:
    // Room for an object of `keys` keys of a usual size, so the text is seldom moved.
    explicit CompactWriter(qsizetype keys) { m_out.reserve(16 + 40 * keys); }

    // False when a string needs escaping; the text is then incomplete.
    bool object(const QJsonObject &object)
    {
        m_out += u'{';
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first)
                m_out += u',';
            first = false;
            if (!string(it.key()))
                return false;
            m_out += u':';
            if (!value(it.value()))
                return false;
        }
        m_out += u'}';
        return true;
    }

    QString take() { return std::move(m_out); }

private:
    bool array(const QJsonArray &array)
    {
        m_out += u'[';
        bool first = true;
        for (const QJsonValue &item : array) {
            if (!first)
                m_out += u',';
            first = false;
            if (!value(item))
                return false;
        }
        m_out += u']';
        return true;
    }

    bool value(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Bool:
            m_out += value.toBool() ? u"true"_s : u"false"_s;
            return true;
        case QJsonValue::Double: {
            // Qt writes a value that holds an integer as one, else the shortest text that
            // reads back as the same double; what is not finite is null.
            const QVariant number = value.toVariant();
            if (number.metaType() == QMetaType::fromType<qlonglong>()) {
                m_out += QString::number(number.toLongLong());
            } else {
                const double d = value.toDouble();
                if (qIsFinite(d))
                    m_out += QString::fromLatin1(
                        QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
                else
                    m_out += u"null"_s;
            }
            return true;
        }
        case QJsonValue::String:
            return string(value.toString());
        case QJsonValue::Array:
            return array(value.toArray());
        case QJsonValue::Object:
            return object(value.toObject());
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        }
        m_out += u"null"_s;
        return true;
    }

    bool string(const QString &text)
    {
        if (needsEscaping(text))
            return false;
        m_out += u'"';
        m_out += text;
        m_out += u'"';
        return true;
    }

    QString m_out;
};

} // namespace

QString JsonText::render(const QJsonObject &object)
{
    CompactWriter writer(object.size());
    if (writer.object(object))
        return writer.take();
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList ProcessRecord::subscriptionIds() const
{
    QStringList ids;
    auto add = [&ids](const QJsonValue &value) {
        const QString id = value.toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    };
    add(state.value(u"subscription_id"));
    add(state.value(u"subscription").toObject().value(u"subscription_id"));
    for (const QJsonValue &value : state.value(u"subscription_ids").toArray())
        add(value);
    return ids;
}

} // namespace wfo::store
