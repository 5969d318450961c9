// Field validation, page validation and replayed multi-page generators of wfo_forms.
#include "forms/core/formgenerator.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

class TestFormsCore : public QObject
{
    Q_OBJECT

private slots:
    void fieldValidation_data();
    void fieldValidation();
    void pageCollectsAllErrors();
    void generatorReplaysAnswers();
    void generatorBranchesOnEarlierAnswers();
    void objectInputIsSplitAcrossPages();
    void schemaRoundTrip();
};

void TestFormsCore::fieldValidation_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorType");

    QTest::newRow("text ok") << 0 << QJsonValue(u"abc"_s) << true << QString();
    QTest::newRow("text missing") << 0 << QJsonValue(QJsonValue::Undefined) << false
                                  << u"missing"_s;
    QTest::newRow("text too short") << 0 << QJsonValue(u"a"_s) << false << u"string_too_short"_s;
    QTest::newRow("text not string") << 0 << QJsonValue(3) << false << u"string_type"_s;
    QTest::newRow("int ok") << 1 << QJsonValue(42) << true << QString();
    QTest::newRow("int from string") << 1 << QJsonValue(u" 7 "_s) << true << QString();
    QTest::newRow("int fraction") << 1 << QJsonValue(4.5) << false << u"int_parsing"_s;
    QTest::newRow("int too big") << 1 << QJsonValue(5000) << false << u"less_than_equal"_s;
    QTest::newRow("int huge") << 1 << QJsonValue(1e300) << false << u"int_parsing"_s;
    QTest::newRow("bool ok") << 2 << QJsonValue(true) << true << QString();
    QTest::newRow("bool word") << 2 << QJsonValue(u"yes"_s) << true << QString();
    QTest::newRow("bool bad") << 2 << QJsonValue(u"maybe"_s) << false << u"bool_parsing"_s;
    QTest::newRow("choice ok") << 3 << QJsonValue(u"edge"_s) << true << QString();
    QTest::newRow("choice bad") << 3 << QJsonValue(u"spine"_s) << false << u"enum"_s;
}

void TestFormsCore::fieldValidation()
{
    QFETCH(int, kind);
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QFETCH(QString, errorType);

    const QList<Field> fields {
        Field::text(u"name"_s).length(2, 10),
        Field::integer(u"vlan"_s).range(2, 4094),
        Field::boolean(u"confirm"_s),
        Field::choice(u"role"_s, {{u"core"_s, {}}, {u"edge"_s, u"Edge"_s}}),
    };
    ValidationErrors errors;
    const auto result = fields.at(kind).validate(value, &errors);
    QCOMPARE(result.has_value(), valid);
    if (!valid) {
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().type, errorType);
        QCOMPARE(errors.first().loc, QJsonArray {fields.at(kind).name()});
        QVERIFY(!errors.first().msg.isEmpty());
    }
}

void TestFormsCore::pageCollectsAllErrors()
{
    FormPage page(u"Page"_s, {Field::text(u"a"_s), Field::integer(u"b"_s)});
    page.validator([](const QJsonObject &values) {
        return values.value(u"a").toString() == "x"_L1
            ? ValidationErrors {{QJsonArray {}, u"not x"_s, u"value_error"_s}}
            : ValidationErrors {};
    });
    auto v = page.validate(QJsonObject {{u"b"_s, u"nope"_s}});
    QCOMPARE(v.errors.size(), 2);
    v = page.validate(QJsonObject {{u"a"_s, u"x"_s}, {u"b"_s, 1}});
    QCOMPARE(v.errors.size(), 1);
    QVERIFY(v.errors.first().loc.isEmpty());
    v = page.validate(QJsonObject {{u"a"_s, u"y"_s}, {u"b"_s, 1}});
    QVERIFY(v.isValid());
    QCOMPARE(v.values.value(u"b").toInteger(), 1);
}

static FormGenerator twoPageForm(int *calls = nullptr)
{
    return [calls](FormSession &session) {
        if (calls)
            ++*calls;
        const QJsonObject first = session.page(FormPage(u"One"_s, {Field::text(u"name"_s)}));
        if (first.value(u"name").toString().startsWith(u"ams"))
            session.page(FormPage(u"Amsterdam"_s, {Field::integer(u"rack"_s)}));
        else
            session.page(FormPage(u"Elsewhere"_s, {Field::boolean(u"remote"_s)}));
        return QJsonObject {{u"extra"_s, true}};
    };
}

void TestFormsCore::generatorReplaysAnswers()
{
    int calls = 0;
    const FormGenerator form = twoPageForm(&calls);
    FormResult r = runForm(form, {}, {});
    QCOMPARE(r.kind, FormResult::Kind::NeedsInput);
    QCOMPARE(r.pageIndex, 0);
    QCOMPARE(r.page.title(), u"One"_s);

    r = runForm(form, {}, QJsonArray {QJsonObject {{u"name"_s, u"ams-rt1"_s}}});
    QCOMPARE(r.kind, FormResult::Kind::NeedsInput);
    QCOMPARE(r.pageIndex, 1);
    QCOMPARE(r.page.title(), u"Amsterdam"_s);

    r = runForm(
        form, {},
        QJsonArray {QJsonObject {{u"name"_s, u"ams-rt1"_s}}, QJsonObject {{u"rack"_s, u"x"_s}}});
    QCOMPARE(r.kind, FormResult::Kind::Invalid);
    QCOMPARE(r.pageIndex, 1);
    QCOMPARE(r.errors.first().field(), u"rack"_s);

    r = runForm(form, {},
                QJsonArray {QJsonObject {{u"name"_s, u"ams-rt1"_s}}, QJsonObject {{u"rack"_s, 4}}});
    QVERIFY(r.isDone());
    QCOMPARE(r.values.value(u"rack").toInt(), 4);
    QCOMPARE(r.values.value(u"name").toString(), u"ams-rt1"_s);
    QCOMPARE(r.values.value(u"extra").toBool(), true);
    QCOMPARE(calls, 4);
}

void TestFormsCore::generatorBranchesOnEarlierAnswers()
{
    const FormResult r =
        runForm(twoPageForm(), {}, QJsonArray {QJsonObject {{u"name"_s, u"lon"_s}}});
    QCOMPARE(r.page.title(), u"Elsewhere"_s);
}

void TestFormsCore::objectInputIsSplitAcrossPages()
{
    FormResult r = runFormWithObject(twoPageForm(), {},
                                     QJsonObject {{u"name"_s, u"ams-rt2"_s}, {u"rack"_s, 9}});
    QVERIFY(r.isDone());
    QCOMPARE(r.userInputs.size(), 2);
    QCOMPARE(r.userInputs.at(1).toObject(), (QJsonObject {{u"rack"_s, 9}}));

    r = runFormWithObject(twoPageForm(), {}, QJsonObject {{u"name"_s, u"ams-rt2"_s}});
    QCOMPARE(r.kind, FormResult::Kind::NeedsInput);
    QCOMPARE(r.pageIndex, 1);
}

void TestFormsCore::schemaRoundTrip()
{
    FormPage page(u"Node"_s,
                  {Field::text(u"customer_id"_s).label(u"Customer"_s),
                   Field::choice(u"role_id"_s, {{u"core"_s, {}}, {u"edge"_s, {}}}),
                   Field::integer(u"rack"_s).range(1, 40).optional(),
                   Field::boolean(u"confirm"_s)});
    const QJsonObject schema = page.toJsonSchema();
    QCOMPARE(schema.value(u"required").toArray(), (QJsonArray {u"customer_id"_s, u"role_id"_s}));
    QString error;
    const auto back = FormPage::fromJsonSchema(schema, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->fields().size(), 4);
    QCOMPARE(back->fields().at(1).name(), u"role_id"_s);
    QCOMPARE(back->toJsonSchema(), schema);
    const QJsonObject bad {{u"customer_id"_s, 1}, {u"role_id"_s, u"x"_s}, {u"rack"_s, 99}};
    QCOMPARE(back->validate(bad).errors.size(), page.validate(bad).errors.size());
}

QTEST_GUILESS_MAIN(TestFormsCore)
#include "tst_formscore.moc"
