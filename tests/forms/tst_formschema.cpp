// Page <-> JSON schema: our output against a hand-checked pydantic-forms style schema, the
// round trip page -> schema -> page with the same validation, reading pydantic's own shapes,
// and robustness against malformed schemas and values.
#include "forms/core/formpage.h"
#include "forms/core/gallery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

class TestFormSchema : public QObject
{
    Q_OBJECT

private slots:
    void matchesPydanticFormsSchema();
    void roundTripKeepsValidation_data();
    void roundTripKeepsValidation();
    void readsPydanticShapes();
    void malformedSchemasDoNotCrash_data();
    void malformedSchemasDoNotCrash();
    void randomSchemasAndValuesDoNotCrash();
    void defaultsTheFieldRefuses_data();
    void defaultsTheFieldRefuses();
};

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

FormPage samplePage()
{
    FormPage page(u"Node"_s);
    page.add(Field::text(u"node_name"_s).label(u"Node name"_s).length(3, 20))
        .add(Field::longText(u"notes"_s).label(u"Notes"_s).optional())
        .add(Field::choice(u"role"_s, {{u"core"_s, u"Core"_s}, {u"edge"_s, u"Edge"_s}})
                 .label(u"Role"_s))
        .add(Field::infoLabel(u"intro"_s, u"Read this"_s))
        .add(Field::divider(u"divider"_s))
        .add(Field::accept(u"checks"_s, {{u"cabled"_s, u"Cabled"_s}}).label(u"Checks"_s))
        .add(Field::timestamp(u"start"_s).label(u"Start"_s))
        .add(Field::customer(u"customer_id"_s).label(u"Customer"_s))
        .add(Field::readOnlyValue(u"tenant"_s, u"ACME"_s).label(u"Tenant"_s))
        .add(Field::list(u"vlans"_s, Field::integer(u"vlan"_s).label(u"VLAN"_s).range(1, 4094))
                 .label(u"VLANs"_s)
                 .items(1, 4)
                 .unique());
    return page;
}

} // namespace

void TestFormSchema::matchesPydanticFormsSchema()
{
    // Written by hand from what pydantic-forms emits for the equivalent FormPage class
    // (Choice enums in $defs, Accept with its data pairs, Timestamp's uniforms, ReadOnlyField's
    // const); `propertyOrder` is ours, because JSON objects here do not keep key order.
    const QJsonObject expected = parse(R"({
      "title": "Node", "type": "object", "additionalProperties": false,
      "$defs": {"RoleChoice": {"enum": ["core", "edge"], "options": {"core": "Core", "edge": "Edge"},
                               "title": "RoleChoice", "type": "string"}},
      "properties": {
        "node_name": {"title": "Node name", "type": "string", "minLength": 3, "maxLength": 20},
        "notes": {"title": "Notes", "type": "string", "format": "long"},
        "role": {"$ref": "#/$defs/RoleChoice", "title": "Role"},
        "intro": {"title": "intro", "type": "string", "format": "label", "default": "Read this"},
        "divider": {"type": "string", "format": "divider", "default": null},
        "checks": {"title": "Checks", "type": "string", "format": "accept",
                   "enum": ["ACCEPTED", "INCOMPLETE"], "data": [["cabled", "Cabled"]]},
        "start": {"title": "Start", "type": "number", "format": "timestamp",
                  "uniforms": {"dateFormat": null, "locale": null, "max": null, "min": null,
                               "showTimeSelect": true, "timeFormat": null}},
        "customer_id": {"title": "Customer", "type": "string", "format": "customerId"},
        "tenant": {"title": "Tenant", "type": "string", "const": "ACME", "default": "ACME",
                   "uniforms": {"disabled": true, "value": "ACME"}},
        "vlans": {"title": "VLANs", "type": "array", "minItems": 1, "maxItems": 4,
                  "uniqueItems": true,
                  "items": {"title": "VLAN", "type": "integer", "minimum": 1, "maximum": 4094}}
      },
      "required": ["node_name", "role", "checks", "start", "customer_id", "vlans"],
      "propertyOrder": ["node_name", "notes", "role", "intro", "divider", "checks", "start",
                        "customer_id", "tenant", "vlans"]
    })");
    const QJsonObject actual = samplePage().toJsonSchema();
    for (const QString &key : expected.keys())
        QCOMPARE(actual.value(key), expected.value(key));
    QCOMPARE(actual, expected);
}

void TestFormSchema::roundTripKeepsValidation_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::newRow("empty") << QJsonObject();
    QTest::newRow("valid") << QJsonObject {
        {u"node_name"_s, u"ams1-rt1"_s}, {u"role"_s, u"core"_s},
        {u"checks"_s, u"ACCEPTED"_s},    {u"start"_s, 1700000000},
        {u"customer_id"_s, u"acme"_s},   {u"vlans"_s, QJsonArray {10, 20}}};
    QTest::newRow("invalid") << QJsonObject {
        {u"node_name"_s, u"x"_s},       {u"role"_s, u"spine"_s},
        {u"checks"_s, u"INCOMPLETE"_s}, {u"start"_s, u"soon"_s},
        {u"tenant"_s, u"Globex"_s},     {u"vlans"_s, QJsonArray {10, 10, 5000}}};
    QTest::newRow("gallery empty") << QJsonObject {{u"gallery"_s, true}};
}

void TestFormSchema::roundTripKeepsValidation()
{
    QFETCH(QJsonObject, input);
    const FormPage page = input.contains(u"gallery") ? galleryPage() : samplePage();
    const QJsonObject schema = page.toJsonSchema();
    QString error;
    const auto back = FormPage::fromJsonSchema(schema, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->toJsonSchema(), schema);
    QCOMPARE(back->fields().size(), page.fields().size());
    for (qsizetype i = 0; i < page.fields().size(); ++i)
        QCOMPARE(toString(back->fields().at(i).type()), toString(page.fields().at(i).type()));
    const PageValidation expected = page.validate(input);
    const PageValidation actual = back->validate(input);
    QCOMPARE(actual.errors, expected.errors);
    QCOMPARE(actual.values, expected.values);
    if (input.contains(u"node_name") && input.value(u"node_name") == u"ams1-rt1"_s)
        QVERIFY(actual.isValid());
}

void TestFormSchema::readsPydanticShapes()
{
    // Optional[...] as anyOf with null, an enum behind allOf, v1 `definitions`, formats.
    const QJsonObject schema = parse(R"({
      "title": "unknown", "type": "object",
      "definitions": {"LegChoice": {"enum": ["Primary", "Secondary"], "type": "string"}},
      "properties": {
        "leg": {"allOf": [{"$ref": "#/definitions/LegChoice"}], "default": "Primary"},
        "note": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]},
        "sub": {"type": "string", "format": "subscriptionId",
                "uniforms": {"productIds": ["p1"], "statuses": ["active"], "tags": ["NODE"],
                             "unavailable": {"s-9": "It is taken."}}},
        "shown": {"type": "string", "format": "subscription"},
        "legs": {"type": "array", "items": {"$ref": "#/definitions/LegChoice"}}
      },
      "required": ["sub", "legs", "note"]
    })");
    QString error;
    const auto page = FormPage::fromJsonSchema(schema, &error);
    QVERIFY2(page.has_value(), qPrintable(error));
    QCOMPARE(toString(page->field(u"leg"_s)->type()), toString(FieldType::Choice));
    QCOMPARE(page->field(u"leg"_s)->choices().size(), 2);
    QVERIFY(!page->field(u"leg"_s)->isRequired());
    QCOMPARE(toString(page->field(u"note"_s)->type()), toString(FieldType::Text));
    QVERIFY(!page->field(u"note"_s)->isRequired());
    QCOMPARE(page->field(u"note"_s)->maxLength(), 3);
    QCOMPARE(toString(page->field(u"sub"_s)->type()), toString(FieldType::Subscription));
    QCOMPARE(
        page->field(u"sub"_s)->pickerFilter(),
        (PickerFilter {{u"p1"_s}, {u"NODE"_s}, {u"active"_s}, {{u"s-9"_s, u"It is taken."_s}}}));
    // What the picker shows disabled is refused with its reason, and written back the same.
    ValidationErrors unavailable;
    QVERIFY(!page->field(u"sub"_s)->validate(u"s-9"_s, &unavailable));
    QCOMPARE(unavailable.size(), 1);
    QCOMPARE(unavailable.first().msg, u"It is taken."_s);
    QCOMPARE(page->field(u"sub"_s)
                 ->toJsonSchema()
                 .value(u"uniforms"_s)
                 .toObject()
                 .value(u"unavailable"_s),
             QJsonValue(QJsonObject {{u"s-9"_s, u"It is taken."_s}}));
    QVERIFY(page->field(u"shown"_s)->isReadOnly());
    QCOMPARE(toString(page->field(u"legs"_s)->type()), toString(FieldType::MultiChoice));
    const PageValidation v = page->validate(QJsonObject {{u"legs"_s, QJsonArray {u"Third"_s}}});
    // Without propertyOrder the fields come in key order: legs[0] is not a choice, sub is missing.
    QCOMPARE(v.errors.size(), 2);
    QCOMPARE(v.errors.at(0).loc, (QJsonArray {u"legs"_s, 0}));
    QCOMPARE(v.errors.at(1).loc, QJsonArray {u"sub"_s});
}

void TestFormSchema::malformedSchemasDoNotCrash_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("properties array") << QByteArray(R"({"properties": [1, 2]})");
    QTest::newRow("property number") << QByteArray(R"({"properties": {"a": 5}})");
    QTest::newRow("unknown type") << QByteArray(R"({"properties": {"a": {"type": "tensor"}}})");
    QTest::newRow("type array") << QByteArray(R"({"properties": {"a": {"type": ["null", 3]}}})");
    QTest::newRow("self ref") << QByteArray(
        R"({"$defs": {"A": {"$ref": "#/$defs/A"}}, "properties": {"a": {"$ref": "#/$defs/A"}}})");
    QTest::newRow("huge numbers") << QByteArray(
        R"({"properties": {"a": {"type": "integer", "minimum": 1e308, "maximum": -1e308},
            "b": {"type": "string", "minLength": 1e300, "maxLength": -5},
            "c": {"type": "array", "items": {"type": "string"}, "minItems": 1e20}}})");
    QTest::newRow("wrong key types") << QByteArray(
        R"({"title": 5, "required": "a", "propertyOrder": {"x": 1},
            "properties": {"a": {"enum": {"x": 1}, "options": [1], "title": []},
                           "b": {"format": "summary", "uniforms": {"data": {"columns": 7}}},
                           "c": {"format": "accept", "data": [1, [null], "x"]},
                           "d": {"format": "callout", "default": 12},
                           "e": {"allOf": [], "anyOf": 3, "type": "string"}}})");
    QByteArray deep = R"({"properties": {"a": )";
    for (int i = 0; i < 200; ++i)
        deep += R"({"type": "array", "items": )";
    deep += R"({"type": "string"})";
    for (int i = 0; i < 200; ++i)
        deep += '}';
    deep += "}}";
    QTest::newRow("deep nesting") << deep;
    QTest::newRow("invalid utf8") << QByteArray(
        "{\"title\": \"\xff\xfe\", \"properties\": {\"\xc3\x28\": {\"type\": \"string\", "
        "\"pattern\": \"[\xed\xa0\x80\"}}}");
    QTest::newRow("bad regex") << QByteArray(R"({"properties": {"a": {"type": "string",
        "pattern": "(("}}})");
}

void TestFormSchema::malformedSchemasDoNotCrash()
{
    QFETCH(QByteArray, json);
    const QJsonObject schema = QJsonDocument::fromJson(json).object();
    QString error;
    const auto page = FormPage::fromJsonSchema(schema, &error);
    if (!page) {
        QVERIFY(!error.isEmpty());
        return;
    }
    // Whatever was read must validate anything without crashing, and serialise again.
    const QList<QJsonObject> inputs {
        {},
        {{u"a"_s, 1e308}, {u"b"_s, QJsonArray {QJsonArray {QJsonArray {}}}}},
        {{u"a"_s, QString::fromUtf8("\xff\xfe\xc3\x28")}, {u"c"_s, QJsonObject {{u"x"_s, 1}}}},
        {{u"a"_s, QJsonArray {-1e308, 1e308}}, {u"e"_s, u"x"_s}}};
    for (const QJsonObject &input : inputs) {
        const PageValidation v = page->validate(input);
        for (const ValidationError &e : v.errors)
            QVERIFY(!e.msg.isEmpty());
    }
    QVERIFY(page->toJsonSchema().contains(u"properties"));
}

// Found by the formschema fuzz target: a text field whose schema said `"default": true`
// accepted an empty answer as true, which the same field then refused when the stored answer
// was validated again (on Previous or on resume).
void TestFormSchema::defaultsTheFieldRefuses_data()
{
    QTest::addColumn<QByteArray>("property");
    QTest::addColumn<QJsonValue>("expected"); // the value an empty answer gives

    QTest::newRow("text defaulting to a boolean")
        << QByteArray(R"({"type": "string", "minLength": 3, "default": true})")
        << QJsonValue(QJsonValue::Null);
    QTest::newRow("text default too short")
        << QByteArray(R"({"type": "string", "minLength": 3, "default": "ab"})")
        << QJsonValue(QJsonValue::Null);
    QTest::newRow("integer default out of range")
        << QByteArray(R"({"type": "integer", "minimum": 2, "maximum": 4094, "default": 5000})")
        << QJsonValue(QJsonValue::Null);
    QTest::newRow("choice default not offered")
        << QByteArray(R"({"type": "string", "enum": ["core", "edge"], "default": "access"})")
        << QJsonValue(QJsonValue::Null);
    QTest::newRow("good integer default kept")
        << QByteArray(R"({"type": "integer", "minimum": 2, "maximum": 4094, "default": 7})")
        << QJsonValue(7);
    QTest::newRow("good text default kept")
        << QByteArray(R"({"type": "string", "minLength": 3, "default": "abc"})")
        << QJsonValue(u"abc"_s);
}

void TestFormSchema::defaultsTheFieldRefuses()
{
    QFETCH(QByteArray, property);
    QFETCH(QJsonValue, expected);

    const QJsonObject schema {
        {u"type"_s, u"object"_s},
        {u"properties"_s, QJsonObject {{u"a"_s, QJsonDocument::fromJson(property).object()}}}};
    QString error;
    const auto page = FormPage::fromJsonSchema(schema, &error);
    QVERIFY2(page, qPrintable(error));
    const PageValidation first = page->validate({});
    QVERIFY(first.isValid());
    QCOMPARE(first.values.value(u"a"_s), expected);
    const PageValidation again = page->validate(first.values);
    QVERIFY(again.isValid());
    QCOMPARE(again.values, first.values);
}

void TestFormSchema::randomSchemasAndValuesDoNotCrash()
{
    // Mutates the gallery's schema at random and validates random values against the result.
    QRandomGenerator random(20240229);
    const QJsonObject base = galleryPage().toJsonSchema();
    const QList<QJsonValue> junk {QJsonValue(),
                                  0,
                                  -1,
                                  1e308,
                                  u"x"_s,
                                  u""_s,
                                  true,
                                  QJsonArray {1},
                                  QJsonObject {{u"type"_s, u"array"_s}},
                                  QString::fromUtf8("\xed\xa0\x80")};
    const QStringList keys {u"type"_s,    u"format"_s,   u"enum"_s,   u"items"_s, u"minimum"_s,
                            u"default"_s, u"uniforms"_s, u"$ref"_s,   u"const"_s, u"minItems"_s,
                            u"data"_s,    u"anyOf"_s,    u"pattern"_s};
    int parsed = 0;
    for (int round = 0; round < 300; ++round) {
        QJsonObject properties = base.value(u"properties").toObject();
        const QStringList names = properties.keys();
        for (int change = 0; change < 4; ++change) {
            const QString name = names.at(random.bounded(int(names.size())));
            QJsonObject property = properties.value(name).toObject();
            property.insert(keys.at(random.bounded(int(keys.size()))),
                            junk.at(random.bounded(int(junk.size()))));
            properties.insert(name, property);
        }
        QJsonObject schema = base;
        schema.insert(u"properties"_s, properties);
        QString error;
        const auto page = FormPage::fromJsonSchema(schema, &error);
        if (!page)
            continue;
        ++parsed;
        QJsonObject input;
        for (const QString &name : names)
            input.insert(name, junk.at(random.bounded(int(junk.size()))));
        page->validate(input);
        page->toJsonSchema();
    }
    QVERIFY(parsed > 0);
}

QTEST_GUILESS_MAIN(TestFormSchema)
#include "tst_formschema.moc"
