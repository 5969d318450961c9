// Every field type of wfo_forms: valid values are accepted (and coerced), invalid ones are
// rejected with the right `loc`, `type` and a readable message.
#include "forms/core/field.h"
#include "forms/core/inputlimits.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

class TestFormFields : public QObject
{
    Q_OBJECT

private slots:
    void validation_data();
    void validation();
    void displayElementsIgnoreInput();
    void optionalAndDefaults();
    void hugeValuesRefused();
};

void TestFormFields::hugeValuesRefused()
{
    // Whatever the field, one value beyond MaxInputBytes is refused before it is parsed.
    const QString huge(MaxInputBytes + 1, u'x');
    for (const Field &field : {Field::text(u"f"_s), Field::longText(u"f"_s)}) {
        ValidationErrors errors;
        QVERIFY(!field.validate(huge, &errors));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().type, u"string_too_long"_s);
        errors.clear();
        QVERIFY(field.validate(QString(MaxInputBytes, u'x'), &errors));
    }
}

namespace {

Field fieldFor(const QString &kind)
{
    static const QHash<QString, std::function<Field()>> make {
        {u"text"_s,
         [] {
             return Field::text(u"f"_s).length(2, 5).pattern(u"[a-z]+"_s);
         }},
        {u"long"_s,
         [] {
             return Field::longText(u"f"_s).length({}, 10);
         }},
        {u"int"_s,
         [] {
             return Field::integer(u"f"_s).range(2, 4094);
         }},
        {u"number"_s,
         [] {
             return Field::number(u"f"_s).numberRange(0.5, 10);
         }},
        {u"bool"_s,
         [] {
             return Field::boolean(u"f"_s);
         }},
        {u"choice"_s,
         [] {
             return Field::choice(u"f"_s, {{u"a"_s, u"Alpha"_s}, {u"b"_s, {}}});
         }},
        {u"choice with empty"_s,
         [] {
             return Field::choice(u"f"_s, {{u""_s, u"None"_s}, {u"a"_s, u"Alpha"_s}});
         }},
        {u"multi"_s,
         [] {
             return Field::multiChoice(u"f"_s, {{u"a"_s, {}}, {u"b"_s, {}}, {u"c"_s, {}}})
                 .items(1, 2);
         }},
        {u"list"_s,
         [] {
             return Field::list(u"f"_s, Field::integer(u"i"_s).range(1, 9)).items(1, 3).unique();
         }},
        {u"accept"_s,
         [] {
             return Field::accept(u"f"_s, {{u"x"_s, u"Done"_s}});
         }},
        {u"readonly"_s,
         [] {
             return Field::readOnlyValue(u"f"_s, 42);
         }},
        {u"timestamp"_s,
         [] {
             return Field::timestamp(u"f"_s).range(1652751600, 1672751600);
         }},
        {u"date"_s,
         [] {
             return Field::date(u"f"_s);
         }},
        {u"ip"_s,
         [] {
             return Field::ipAddress(u"f"_s);
         }},
        {u"prefix"_s,
         [] {
             return Field::ipPrefix(u"f"_s);
         }},
        {u"vlan"_s,
         [] {
             return Field::vlanRanges(u"f"_s);
         }},
        {u"uuid"_s,
         [] {
             return Field::uuid(u"f"_s);
         }},
        {u"customer"_s,
         [] {
             return Field::customer(u"f"_s);
         }},
        {u"product"_s,
         [] {
             return Field::product(u"f"_s).filter(
                 {{u"3a3691e2-399a-4733-8924-2cb524eb4723"_s}, {}, {}, {}});
         }},
        {u"subscription"_s,
         [] {
             return Field::subscription(u"f"_s);
         }},
        {u"contact"_s,
         [] {
             return Field::contactPerson(u"f"_s);
         }},
    };
    return make.value(kind)();
}

const QJsonValue missing(QJsonValue::Undefined);
const QString uuidA = u"3a3691e2-399a-4733-8924-2cb524eb4723"_s;

} // namespace

void TestFormFields::validation_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QJsonValue>("expected"); // coerced value, or Undefined when invalid
    QTest::addColumn<QJsonArray>("loc");
    QTest::addColumn<QString>("type");
    const QJsonArray f {u"f"_s};
    auto ok = [](const char *name, const QString &kind, const QJsonValue &value,
                 const QJsonValue &expected) {
        QTest::newRow(name) << kind << value << expected << QJsonArray() << QString();
    };
    auto no = [](const char *name, const QString &kind, const QJsonValue &value,
                 const QJsonArray &loc, const QString &type) {
        QTest::newRow(name) << kind << value << QJsonValue(QJsonValue::Undefined) << loc << type;
    };

    ok("text", u"text"_s, u"abc"_s, u"abc"_s);
    no("text missing", u"text"_s, missing, f, u"missing"_s);
    no("text short", u"text"_s, u"a"_s, f, u"string_too_short"_s);
    no("text long", u"text"_s, u"abcdef"_s, f, u"string_too_long"_s);
    no("text pattern", u"text"_s, u"AB1"_s, f, u"string_pattern_mismatch"_s);
    no("text type", u"text"_s, QJsonArray {1}, f, u"string_type"_s);
    ok("long", u"long"_s, u"line\nline"_s, u"line\nline"_s);
    no("long too long", u"long"_s, u"01234567890"_s, f, u"string_too_long"_s);
    ok("int", u"int"_s, 100, 100);
    ok("int string", u"int"_s, u" 7 "_s, 7);
    no("int low", u"int"_s, 1, f, u"greater_than_equal"_s);
    no("int high", u"int"_s, 5000, f, u"less_than_equal"_s);
    no("int fraction", u"int"_s, 2.5, f, u"int_parsing"_s);
    no("int huge", u"int"_s, 1e300, f, u"int_parsing"_s);
    no("int word", u"int"_s, u"ten"_s, f, u"int_parsing"_s);
    ok("number", u"number"_s, 2.5, 2.5);
    ok("number string", u"number"_s, u"3.25"_s, 3.25);
    no("number low", u"number"_s, 0.1, f, u"greater_than_equal"_s);
    no("number word", u"number"_s, u"fast"_s, f, u"float_parsing"_s);
    ok("bool", u"bool"_s, true, true);
    ok("bool word", u"bool"_s, u"no"_s, false);
    no("bool bad", u"bool"_s, u"maybe"_s, f, u"bool_parsing"_s);
    ok("choice", u"choice"_s, u"a"_s, u"a"_s);
    no("choice bad", u"choice"_s, u"z"_s, f, u"enum"_s);
    no("choice missing", u"choice"_s, u""_s, f, u"missing"_s);
    // Only a text or a number names a choice. An object once read as no text at all and so
    // matched the empty choice, which the stored value's second look then read as missing.
    no("choice object", u"choice with empty"_s, QJsonObject {{u"a"_s, 1}}, f, u"enum"_s);
    no("choice list", u"choice with empty"_s, QJsonArray {u"a"_s}, f, u"enum"_s);
    no("choice yes", u"choice with empty"_s, true, f, u"enum"_s);
    no("choice empty text", u"choice with empty"_s, u""_s, f, u"missing"_s);
    ok("choice beside empty", u"choice with empty"_s, u"a"_s, u"a"_s);
    ok("multi", u"multi"_s, QJsonArray {u"a"_s, u"c"_s}, QJsonArray {u"a"_s, u"c"_s});
    no("multi empty", u"multi"_s, QJsonArray {}, f, u"too_short"_s);
    no("multi too many", u"multi"_s, QJsonArray {u"a"_s, u"b"_s, u"c"_s}, f, u"too_long"_s);
    no("multi duplicate", u"multi"_s, QJsonArray {u"a"_s, u"a"_s}, f, u"unique_list"_s);
    no("multi unknown", u"multi"_s, QJsonArray {u"a"_s, u"z"_s}, (QJsonArray {u"f"_s, 1}),
       u"enum"_s);
    no("multi not list", u"multi"_s, u"a"_s, f, u"list_type"_s);
    ok("list", u"list"_s, QJsonArray {1, u"2"_s}, QJsonArray {1, 2});
    no("list item", u"list"_s, QJsonArray {1, 20}, (QJsonArray {u"f"_s, 1}), u"less_than_equal"_s);
    no("list empty item", u"list"_s, QJsonArray {1, QJsonValue()}, (QJsonArray {u"f"_s, 1}),
       u"missing"_s);
    no("list duplicate", u"list"_s, QJsonArray {3, 3}, f, u"unique_list"_s);
    no("list too long", u"list"_s, QJsonArray {1, 2, 3, 4}, f, u"too_long"_s);
    ok("accept", u"accept"_s, u"ACCEPTED"_s, true);
    no("accept incomplete", u"accept"_s, u"INCOMPLETE"_s, f, u"value_error"_s);
    no("accept other", u"accept"_s, u"yes please"_s, f, u"enum"_s);
    ok("readonly same", u"readonly"_s, 42, 42);
    ok("readonly absent", u"readonly"_s, missing, 42);
    no("readonly changed", u"readonly"_s, 43, f, u"literal_error"_s);
    ok("timestamp", u"timestamp"_s, 1660000000, 1660000000);
    no("timestamp early", u"timestamp"_s, 1652751599, f, u"greater_than_equal"_s);
    no("timestamp late", u"timestamp"_s, 1672751601, f, u"less_than_equal"_s);
    ok("date", u"date"_s, u"2024-02-29"_s, u"2024-02-29"_s);
    no("date invalid", u"date"_s, u"2023-02-29"_s, f, u"date_parsing"_s);
    ok("ipv4", u"ip"_s, u" 192.0.2.1 "_s, u"192.0.2.1"_s);
    ok("ipv6", u"ip"_s, u"2001:DB8::1"_s, u"2001:db8::1"_s);
    ok("ipv6 v4 tail", u"ip"_s, u"::ffff:192.0.2.1"_s, u"::ffff:192.0.2.1"_s);
    no("ipv4 octet", u"ip"_s, u"192.0.2.256"_s, f, u"ip_any_address"_s);
    no("ipv6 two gaps", u"ip"_s, u"1::2::3"_s, f, u"ip_any_address"_s);
    no("ip number", u"ip"_s, 3, f, u"ip_any_address"_s);
    ok("prefix v4", u"prefix"_s, u"10.0.0.0/8"_s, u"10.0.0.0/8"_s);
    ok("prefix v6", u"prefix"_s, u"2001:db8::/32"_s, u"2001:db8::/32"_s);
    no("prefix host bits", u"prefix"_s, u"10.0.0.1/8"_s, f, u"ip_any_network"_s);
    no("prefix length", u"prefix"_s, u"10.0.0.0/33"_s, f, u"ip_any_network"_s);
    no("prefix none", u"prefix"_s, u"10.0.0.0"_s, f, u"ip_any_network"_s);
    ok("vlan ranges", u"vlan"_s, u"300, 100-199,150-250"_s, u"100-250,300"_s);
    ok("vlan number", u"vlan"_s, 42, u"42"_s);
    no("vlan zero", u"vlan"_s, u"0-10"_s, f, u"value_error"_s);
    no("vlan high", u"vlan"_s, u"4095"_s, f, u"value_error"_s);
    no("vlan reversed", u"vlan"_s, u"20-10"_s, f, u"value_error"_s);
    ok("uuid", u"uuid"_s, u"{3A3691E2-399A-4733-8924-2CB524EB4723}"_s, uuidA);
    no("uuid short", u"uuid"_s, u"3a3691e2-399a"_s, f, u"uuid_parsing"_s);
    ok("customer", u"customer"_s, u"acme"_s, u"acme"_s);
    no("customer blank", u"customer"_s, u"  "_s, f, u"missing"_s);
    ok("product", u"product"_s, uuidA, uuidA);
    no("product filtered", u"product"_s, u"efadf3f8-da32-475e-8dad-6efffa901bae"_s, f,
       u"value_error"_s);
    ok("subscription", u"subscription"_s, uuidA, uuidA);
    no("subscription bad", u"subscription"_s, u"ams1-rt1"_s, f, u"uuid_parsing"_s);
    ok("contact", u"contact"_s, QJsonObject {{u"name"_s, u"Ann"_s}, {u"email"_s, u"a@b.nl"_s}},
       QJsonObject {{u"name"_s, u"Ann"_s}, {u"email"_s, u"a@b.nl"_s}, {u"phone"_s, u""_s}});
    no("contact email", u"contact"_s, QJsonObject {{u"name"_s, u"Ann"_s}, {u"email"_s, u"ann"_s}},
       (QJsonArray {u"f"_s, u"email"_s}), u"value_error"_s);
    no("contact name", u"contact"_s, QJsonObject {{u"email"_s, u"a@b.nl"_s}},
       (QJsonArray {u"f"_s, u"name"_s}), u"missing"_s);
    no("contact type", u"contact"_s, u"Ann"_s, f, u"dict_type"_s);
}

void TestFormFields::validation()
{
    QFETCH(QString, kind);
    QFETCH(QJsonValue, value);
    QFETCH(QJsonValue, expected);
    QFETCH(QJsonArray, loc);
    QFETCH(QString, type);

    ValidationErrors errors;
    const auto result = fieldFor(kind).validate(value, &errors);
    if (!expected.isUndefined()) {
        QVERIFY2(result.has_value(), qPrintable(errors.value(0).msg));
        QCOMPARE(*result, expected);
        QVERIFY(errors.isEmpty());
        return;
    }
    QVERIFY(!result.has_value());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().loc, loc);
    QCOMPARE(errors.first().type, type);
    // Readable: a sentence, not a code.
    QVERIFY(errors.first().msg.size() > 10);
    QVERIFY(errors.first().msg.endsWith(u'.'));
    QVERIFY(errors.first().msg.at(0).isUpper());
}

void TestFormFields::displayElementsIgnoreInput()
{
    ValidationErrors errors;
    QCOMPARE(*Field::infoLabel(u"l"_s, u"Hello"_s).validate(u"changed"_s, &errors),
             QJsonValue(u"Hello"_s));
    QCOMPARE(*Field::divider(u"d"_s).validate(5, &errors), QJsonValue(QJsonValue::Null));
    QCOMPARE(*Field::markdown(u"m"_s, u"*x*"_s).validate(missing, &errors),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(*Field::callout(u"c"_s, u"H"_s, u"M"_s).validate(missing, &errors),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(*Field::summary(u"s"_s, {}).validate(QJsonArray {1}, &errors),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(*Field::hidden(u"h"_s, u"secret"_s).validate(u"other"_s, &errors),
             QJsonValue(u"secret"_s));
    QVERIFY(errors.isEmpty());
    QVERIFY(!Field::divider(u"d"_s).isRequired());
    QVERIFY(!Field::hidden(u"h"_s, 1).isRequired());
}

void TestFormFields::optionalAndDefaults()
{
    ValidationErrors errors;
    QCOMPARE(*Field::ipAddress(u"a"_s).optional().validate(u""_s, &errors),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(*Field::integer(u"n"_s).defaultValue(5).validate(missing, &errors), QJsonValue(5));
    QCOMPARE(*Field::boolean(u"b"_s).validate(missing, &errors), QJsonValue(false));
    QVERIFY(errors.isEmpty());
    QVERIFY(Field::accept(u"a"_s, {}).isRequired());
    QVERIFY(!Field::integer(u"n"_s).defaultValue(5).isRequired());
}

QTEST_GUILESS_MAIN(TestFormFields)
#include "tst_formfields.moc"
