// Multi-page generators: branching on earlier answers, replay after "Previous", page-level
// validators, and the JSON that tools print for each kind of result.
#include "forms/core/formgenerator.h"
#include "forms/core/gallery.h"

#include <QJsonArray>
#include <QTest>

#include <stdexcept>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

class TestFormGenerator : public QObject
{
    Q_OBJECT

private slots:
    void branchesOnEarlierAnswers_data();
    void branchesOnEarlierAnswers();
    void replayAfterPrevious();
    void pageValidator();
    void resultJson();
    void objectInputWalksAllPages();
    void generatorFailureIsReported();
};

namespace {

QJsonObject nodeAnswer(const QString &site)
{
    return QJsonObject {{u"node_name"_s, QString(site + u"-rt1"_s)},
                        {u"site"_s, site},
                        {u"loopback"_s, u"192.0.2.1"_s}};
}

const QJsonObject confirmAnswer {{u"checks"_s, u"ACCEPTED"_s}, {u"start_now"_s, true}};

} // namespace

void TestFormGenerator::branchesOnEarlierAnswers_data()
{
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("secondPage");
    QTest::newRow("amsterdam") << u"ams1"_s << u"Rack position"_s;
    QTest::newRow("london") << u"lon1"_s << u"Remote hands"_s;
}

void TestFormGenerator::branchesOnEarlierAnswers()
{
    QFETCH(QString, site);
    QFETCH(QString, secondPage);
    const FormResult r = runForm(exampleWizardGenerator(), {}, QJsonArray {nodeAnswer(site)});
    QCOMPARE(r.kind, FormResult::Kind::NeedsInput);
    QCOMPARE(r.pageIndex, 1);
    QCOMPARE(r.page.title(), secondPage);
}

void TestFormGenerator::replayAfterPrevious()
{
    const FormGenerator form = exampleWizardGenerator();
    QJsonArray inputs {nodeAnswer(u"ams1"_s), QJsonObject {{u"rack"_s, 3}, {u"unit"_s, 12}}};
    FormResult r = runForm(form, {}, inputs);
    QCOMPARE(r.pageIndex, 2);
    QCOMPARE(r.page.title(), u"Confirm"_s);

    // "Previous" twice drops answers; the first page comes back and its answer can change.
    inputs.removeLast();
    inputs.removeLast();
    r = runForm(form, {}, inputs);
    QCOMPARE(r.pageIndex, 0);
    QCOMPARE(r.page.title(), u"Node"_s);
    inputs.append(nodeAnswer(u"lon1"_s));
    r = runForm(form, {}, inputs);
    QCOMPARE(r.page.title(), u"Remote hands"_s);
    inputs.append(
        QJsonObject {{u"remote_contact"_s,
                      QJsonObject {{u"name"_s, u"Ann"_s}, {u"email"_s, u"ann@example.org"_s}}}});
    inputs.append(confirmAnswer);
    r = runForm(form, {}, inputs);
    QVERIFY(r.isDone());
    QCOMPARE(r.values.value(u"site"_s).toString(), u"lon1"_s);
    QVERIFY(!r.values.contains(u"rack"_s));
    QCOMPARE(r.values.value(u"remote_contact"_s).toObject().value(u"name"_s).toString(), u"Ann"_s);
}

void TestFormGenerator::pageValidator()
{
    QJsonObject answer = nodeAnswer(u"ams1"_s);
    answer.insert(u"node_name"_s, u"lon1-rt1"_s);
    const FormResult r = runForm(exampleWizardGenerator(), {}, QJsonArray {answer});
    QCOMPARE(r.kind, FormResult::Kind::Invalid);
    QCOMPARE(r.pageIndex, 0);
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().loc, QJsonArray {u"node_name"_s});
    QCOMPARE(r.errors.first().type, u"value_error"_s);

    // Field errors come first: the page validator does not run on invalid fields.
    answer.insert(u"loopback"_s, u"not an address"_s);
    const FormResult r2 = runForm(exampleWizardGenerator(), {}, QJsonArray {answer});
    QCOMPARE(r2.errors.size(), 1);
    QCOMPARE(r2.errors.first().loc, QJsonArray {u"loopback"_s});
}

void TestFormGenerator::resultJson()
{
    const FormGenerator form = exampleWizardGenerator();
    QJsonObject json = toJson(runForm(form, {}, {}));
    QCOMPARE(json.value(u"status"_s).toString(), u"needs_input"_s);
    QCOMPARE(json.value(u"page_index"_s).toInt(), 0);
    QCOMPARE(json.value(u"schema"_s).toObject().value(u"title"_s).toString(), u"Node"_s);

    QJsonObject bad = nodeAnswer(u"ams1"_s);
    bad.remove(u"loopback"_s);
    json = toJson(runForm(form, {}, QJsonArray {bad}));
    QCOMPARE(json.value(u"status"_s).toString(), u"invalid"_s);
    const QJsonObject error = json.value(u"errors"_s).toArray().first().toObject();
    QCOMPARE(error.value(u"loc"_s).toArray(), QJsonArray {u"loopback"_s});
    QCOMPARE(error.value(u"type"_s).toString(), u"missing"_s);
    QVERIFY(!error.value(u"msg"_s).toString().isEmpty());
    QCOMPARE(json.value(u"form_errors"_s).toArray(), QJsonArray());

    const FormGenerator formLevel = [](FormSession &session) {
        session.page(FormPage(u"P"_s).validator([](const QJsonObject &) {
            return ValidationErrors {{QJsonArray(), u"Nope."_s, u"value_error"_s}};
        }));
        return QJsonObject();
    };
    json = toJson(runForm(formLevel, {}, QJsonArray {QJsonObject()}));
    QCOMPARE(json.value(u"form_errors"_s).toArray(), QJsonArray {u"Nope."_s});

    json =
        toJson(runForm(form, {},
                       QJsonArray {nodeAnswer(u"ams1"_s),
                                   QJsonObject {{u"rack"_s, 1}, {u"unit"_s, 1}}, confirmAnswer}));
    QCOMPARE(json.value(u"status"_s).toString(), u"done"_s);
    QCOMPARE(json.value(u"values"_s).toObject().value(u"rack"_s).toInt(), 1);
    QCOMPARE(json.value(u"user_inputs"_s).toArray().size(), 3);
}

void TestFormGenerator::objectInputWalksAllPages()
{
    QJsonObject input = nodeAnswer(u"ams2"_s);
    input.insert(u"rack"_s, 7);
    FormResult r = runFormWithObject(exampleWizardGenerator(), {}, input);
    // Part of page 1 was given, so page 1 is answered, and "unit" reported missing.
    QCOMPARE(r.kind, FormResult::Kind::Invalid);
    QCOMPARE(r.pageIndex, 1);
    QCOMPARE(r.errors.first().loc, QJsonArray {u"unit"_s});
    input.insert(u"unit"_s, 3);
    r = runFormWithObject(exampleWizardGenerator(), {}, input);
    // Nothing was given for the confirmation page: it is asked for, not reported as errors.
    QCOMPARE(r.kind, FormResult::Kind::NeedsInput);
    QCOMPARE(r.pageIndex, 2);
    input.insert(u"checks"_s, u"ACCEPTED"_s);
    r = runFormWithObject(exampleWizardGenerator(), {}, input);
    QVERIFY(r.isDone());
    QCOMPARE(r.userInputs.size(), 3);
}

void TestFormGenerator::generatorFailureIsReported()
{
    const FormGenerator broken = [](FormSession &) -> QJsonObject {
        throw std::runtime_error("database is gone");
    };
    const FormResult r = runForm(broken, {}, {});
    QCOMPARE(r.kind, FormResult::Kind::Error);
    QCOMPARE(r.message, u"database is gone"_s);
    QCOMPARE(toJson(r).value(u"status"_s).toString(), u"error"_s);
}

QTEST_GUILESS_MAIN(TestFormGenerator)
#include "tst_formgenerator.moc"
