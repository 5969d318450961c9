// The form widgets and dialog, driven like an operator would: typing and clicking on widgets
// found by object name, submitting, reading errors under fields, going back and forth.
#include "forms/core/gallery.h"
#include "forms/widgets/fieldeditor.h"
#include "forms/widgets/formdialog.h"
#include "forms/widgets/formgallery.h"
#include "forms/widgets/formpagewidget.h"
#include "forms/widgets/pickerprovider.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace wfo::forms;

class TestFormWidgets : public QObject
{
    Q_OBJECT

private slots:
    void rightWidgetPerFieldType_data();
    void rightWidgetPerFieldType();
    void fillEveryFieldTypeAndSubmit();
    void errorsStayAndValuesSurvivePrevious();
    void keyboardNavigation();
    void cancelAsksBeforeDiscarding();
    void asynchronousEvaluator();
    void pickerDropsStaleReplies();
    void listHonoursMinAndMaxItems();
    void lastPageSaysWhatItDoes();
    void errorClearsWhenTheValueChanges();
    void pickerKeepsTheNameOfAnEarlierChoice();
    void rejectedChoiceIsNoLongerOffered();
    void customerIsOneControlThatTakesNewText();
    void rowsStayAtTheTopOfATallPage();
    void unavailableEntriesAreDisabledWithTheReason();
};

namespace {

template<typename T>
T *child(QWidget *root, const QString &name)
{
    return root->findChild<T *>(name);
}

void type(QWidget *root, const QString &name, const QString &text)
{
    auto *edit = child<QLineEdit>(root, name);
    QVERIFY2(edit, qPrintable(name));
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void click(QWidget *root, const QString &name)
{
    auto *button = child<QAbstractButton>(root, name);
    QVERIFY2(button, qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(4, button->height() / 2));
}

QString errorUnder(FormDialog &dialog, const QString &field)
{
    auto *label = child<QLabel>(&dialog, field + u"_error"_s);
    return label && !label->isHidden() ? label->text() : QString();
}

// Answers the dialog's "discard?" question with `button` as soon as it appears.
void answerDiscardQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->objectName() == "discardConfirmation"_L1)
            box->button(button)->click();
    });
}

} // namespace

void TestFormWidgets::rightWidgetPerFieldType_data()
{
    QTest::addColumn<QString>("objectName");
    QTest::addColumn<QString>("className");
    QTest::newRow("text") << u"hostname"_s << u"QLineEdit"_s;
    QTest::newRow("long text") << u"notes"_s << u"QPlainTextEdit"_s;
    QTest::newRow("integer") << u"port_count"_s << u"QLineEdit"_s;
    QTest::newRow("boolean") << u"monitoring"_s << u"QCheckBox"_s;
    QTest::newRow("3 choices: radio") << u"role_edge"_s << u"QRadioButton"_s;
    QTest::newRow("5 choices: drop-down") << u"site"_s << u"QComboBox"_s;
    QTest::newRow("4 multi: check boxes") << u"features_bfd"_s << u"QCheckBox"_s;
    QTest::newRow("7 multi: list") << u"regions"_s << u"QListWidget"_s;
    QTest::newRow("list item") << u"dns_servers_0"_s << u"QLineEdit"_s;
    QTest::newRow("list add") << u"dns_servers_add"_s << u"QPushButton"_s;
    QTest::newRow("divider") << u"divider"_s << u"QFrame"_s;
    QTest::newRow("markdown") << u"help"_s << u"QLabel"_s;
    QTest::newRow("callout") << u"warning"_s << u"QFrame"_s;
    QTest::newRow("summary") << u"current_state"_s << u"QTableWidget"_s;
    QTest::newRow("accept") << u"checks_cabled"_s << u"QCheckBox"_s;
    QTest::newRow("read-only") << u"tenant"_s << u"QLineEdit"_s;
    QTest::newRow("timestamp") << u"start_at"_s << u"QDateTimeEdit"_s;
    QTest::newRow("date") << u"go_live"_s << u"QDateEdit"_s;
    QTest::newRow("ip") << u"loopback"_s << u"QLineEdit"_s;
    QTest::newRow("customer") << u"customer_id"_s << u"QComboBox"_s;
    QTest::newRow("subscription search") << u"subscription_id_search"_s << u"QLineEdit"_s;
    QTest::newRow("contact") << u"contact_email"_s << u"QLineEdit"_s;
}

void TestFormWidgets::rightWidgetPerFieldType()
{
    QFETCH(QString, objectName);
    QFETCH(QString, className);
    StaticPickerProvider provider;
    FormPageWidget page(galleryPage(), &provider);
    QWidget *widget = page.findChild<QWidget *>(objectName);
    QVERIFY2(widget, qPrintable(objectName));
    QCOMPARE(QString::fromLatin1(widget->metaObject()->className()), className);
    QVERIFY(!widget->accessibleName().isEmpty());
    QVERIFY(!page.findChild<QWidget *>(u"origin"_s)); // hidden: nothing to see
}

void TestFormWidgets::fillEveryFieldTypeAndSubmit()
{
    std::unique_ptr<FormDialog> dialog(createFormGalleryDialog());
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    FormDialog &d = *dialog;
    auto *customer = child<QComboBox>(&d, u"customer_id"_s);
    auto *product = child<QComboBox>(&d, u"product_id"_s);
    auto *subscription = child<QComboBox>(&d, u"subscription_id"_s);
    QVERIFY(customer && product && subscription);
    QTRY_COMPARE(customer->count(), 2); // two customers, answered later
    QVERIFY(customer->isEditable()); // one control that also takes a new customer

    type(&d, u"hostname"_s, u"ams1-rt1"_s);
    QTest::keyClicks(child<QPlainTextEdit>(&d, u"notes"_s), u"Spare router"_s);
    type(&d, u"port_count"_s, u"24"_s);
    type(&d, u"bandwidth"_s, u"fast"_s); // wrong on purpose
    click(&d, u"monitoring"_s);
    click(&d, u"role_edge"_s);
    auto *site = child<QComboBox>(&d, u"site"_s);
    QTest::keyClick(site, Qt::Key_Down);
    QTest::keyClick(site, Qt::Key_Down);
    click(&d, u"features_lldp"_s);
    auto *regions = child<QListWidget>(&d, u"regions"_s);
    regions->setCurrentRow(2);
    QTest::keyClick(regions, Qt::Key_Space);
    type(&d, u"dns_servers_0"_s, u"192.0.2.53"_s);
    click(&d, u"dns_servers_add"_s);
    type(&d, u"dns_servers_1"_s, u"192.0.2.53"_s); // a duplicate
    click(&d, u"checks_cabled"_s); // but not "labelled"
    type(&d, u"loopback"_s, u"192.0.2.1"_s);
    type(&d, u"management_prefix"_s, u"10.0.0.1/8"_s); // host bits set
    type(&d, u"vlans"_s, u"300,100-199"_s);
    QTest::keyClick(customer, Qt::Key_Down);
    QTRY_COMPARE(product->count(), 2);
    QTest::keyClick(product, Qt::Key_Down);
    type(&d, u"subscription_id_search"_s, u"ams1"_s);
    QTRY_VERIFY(subscription->count() == 2 && subscription->itemText(1).startsWith(u"ams1-rt1"));
    QTest::keyClick(subscription, Qt::Key_Down);
    type(&d, u"contact_name"_s, u"Ann Operator"_s);
    type(&d, u"contact_email"_s, u"ann@example.org"_s);

    click(&d, u"nextButton"_s);
    QVERIFY(d.isVisible());
    QVERIFY(!errorUnder(d, u"bandwidth"_s).isEmpty());
    QVERIFY(errorUnder(d, u"dns_servers"_s).contains(u"once"));
    QVERIFY(!errorUnder(d, u"checks"_s).isEmpty());
    QVERIFY(errorUnder(d, u"management_prefix"_s).contains(u"host bits"));
    QVERIFY(errorUnder(d, u"hostname"_s).isEmpty());
    auto *summary = child<QLabel>(&d, u"formErrorSummary"_s);
    QVERIFY(!summary->isHidden());
    QCOMPARE(summary->text().count(u"<li>"_s), 4);
    QVERIFY(summary->text().contains(u"Bandwidth"));
    // Everything typed is still there.
    QCOMPARE(child<QLineEdit>(&d, u"hostname"_s)->text(), u"ams1-rt1"_s);
    QCOMPARE(child<QLineEdit>(&d, u"dns_servers_1"_s)->text(), u"192.0.2.53"_s);
    QVERIFY(child<QRadioButton>(&d, u"role_edge"_s)->isChecked());
    QCOMPARE(subscription->currentData().toString(), gallerySubscriptionId());
    QCOMPARE(child<QLineEdit>(&d, u"bandwidth"_s), QApplication::focusWidget());

    type(&d, u"bandwidth"_s, u"10"_s);
    click(&d, u"dns_servers_remove_1"_s);
    QTRY_VERIFY(!child<QLineEdit>(&d, u"dns_servers_1"_s));
    click(&d, u"checks_labelled"_s);
    type(&d, u"management_prefix"_s, u"10.0.0.0/8"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.result(), int(QDialog::Accepted));

    const QJsonObject answers = d.userInputs().at(0).toObject();
    QCOMPARE(answers.value(u"hostname"_s).toString(), u"ams1-rt1"_s);
    QCOMPARE(answers.value(u"notes"_s).toString(), u"Spare router"_s);
    QCOMPARE(answers.value(u"port_count"_s).toInt(), 24);
    QCOMPARE(answers.value(u"bandwidth"_s).toDouble(), 10.0);
    QCOMPARE(answers.value(u"monitoring"_s).toBool(), true);
    QCOMPARE(answers.value(u"role"_s).toString(), u"edge"_s);
    QCOMPARE(answers.value(u"site"_s).toString(), u"ams2"_s);
    QCOMPARE(answers.value(u"features"_s).toArray(), QJsonArray {u"lldp"_s});
    QCOMPARE(answers.value(u"regions"_s).toArray(), QJsonArray {u"de"_s});
    QCOMPARE(answers.value(u"dns_servers"_s).toArray(), QJsonArray {u"192.0.2.53"_s});
    QCOMPARE(answers.value(u"checks"_s).toString(), u"ACCEPTED"_s);
    QCOMPARE(answers.value(u"tenant"_s).toString(), u"ACME"_s);
    QCOMPARE(answers.value(u"customer_id"_s).toString(), galleryCustomerId());
    QCOMPARE(answers.value(u"product_id"_s).toString(), galleryProductId());
    QCOMPARE(answers.value(u"subscription_id"_s).toString(), gallerySubscriptionId());
    QCOMPARE(answers.value(u"contact"_s).toObject().value(u"email"_s).toString(),
             u"ann@example.org"_s);
    QCOMPARE(d.values().value(u"vlans"_s).toString(), u"100-199,300"_s);
    QCOMPARE(d.values().value(u"origin"_s).toString(), u"gallery"_s);
}

void TestFormWidgets::errorsStayAndValuesSurvivePrevious()
{
    FormDialog d(synchronousEvaluator(exampleWizardGenerator()));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QCOMPARE(child<QLabel>(&d, u"pageTitle"_s)->text(), u"Node"_s);
    type(&d, u"node_name"_s, u"rt1"_s);
    click(&d, u"site_ams1"_s);
    type(&d, u"loopback"_s, u"192.0.2.1"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 0);
    QVERIFY(errorUnder(d, u"node_name"_s).contains(u"site code"));
    QVERIFY(errorUnder(d, u"loopback"_s).isEmpty());

    type(&d, u"node_name"_s, u"ams1-rt1"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 1);
    QCOMPARE(child<QLabel>(&d, u"pageTitle"_s)->text(), u"Rack position"_s);
    QVERIFY(child<QLabel>(&d, u"formErrorSummary"_s)->isHidden());
    type(&d, u"rack"_s, u"99"_s);
    type(&d, u"unit"_s, u"12"_s);
    click(&d, u"nextButton"_s);
    QVERIFY(errorUnder(d, u"rack"_s).contains(u"40"));

    click(&d, u"previousButton"_s);
    QCOMPARE(d.pageIndex(), 0);
    QCOMPARE(child<QLineEdit>(&d, u"node_name"_s)->text(), u"ams1-rt1"_s);
    QVERIFY(child<QRadioButton>(&d, u"site_ams1"_s)->isChecked());
    QCOMPARE(child<QLineEdit>(&d, u"loopback"_s)->text(), u"192.0.2.1"_s);

    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 1);
    QCOMPARE(child<QLineEdit>(&d, u"rack"_s)->text(), u"99"_s); // kept, even though invalid
    QCOMPARE(child<QLineEdit>(&d, u"unit"_s)->text(), u"12"_s);
    type(&d, u"rack"_s, u"4"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(child<QLabel>(&d, u"pageTitle"_s)->text(), u"Confirm"_s);
    click(&d, u"checks_cabled"_s);
    click(&d, u"checks_powered"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.userInputs().size(), 3);
    QCOMPARE(d.userInputs().at(1).toObject().value(u"rack"_s).toInt(), 4);
}

void TestFormWidgets::keyboardNavigation()
{
    FormDialog d(synchronousEvaluator(exampleWizardGenerator()));
    d.show();
    QVERIFY(QTest::qWaitForWindowActive(&d));
    auto *name = child<QLineEdit>(&d, u"node_name"_s);
    QCOMPARE(QApplication::focusWidget(), name);
    // Labels point at their fields and fields are named for screen readers.
    QCOMPARE(child<QLabel>(&d, u"node_name_label"_s)->buddy()->focusProxy(), name);
    QCOMPARE(name->accessibleName(), u"Node name"_s);
    QTest::keyClicks(name, u"ams1-rt2"_s);
    QTest::keyClick(name, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>(&d, u"site_ams1"_s));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    child<QLineEdit>(&d, u"loopback"_s)->setFocus();
    QTest::keyClicks(QApplication::focusWidget(), u"2001:db8::1"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(d.pageIndex(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(d.pageIndex(), 0);
    QCOMPARE(child<QLineEdit>(&d, u"loopback"_s)->text(), u"2001:db8::1"_s);
    // The buttons come after the last field.
    child<QLineEdit>(&d, u"loopback"_s)->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(),
             child<QWidget>(&d, u"previousButton"_s)->isEnabled()
                 ? child<QWidget>(&d, u"previousButton"_s)
                 : child<QWidget>(&d, u"nextButton"_s));
}

void TestFormWidgets::cancelAsksBeforeDiscarding()
{
    FormDialog d(synchronousEvaluator(exampleWizardGenerator()));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(!d.hasEnteredData());
    type(&d, u"node_name"_s, u"ams1-rt1"_s);
    QVERIFY(d.hasEnteredData());
    answerDiscardQuestion(QMessageBox::Cancel);
    click(&d, u"cancelButton"_s);
    QVERIFY(d.isVisible());
    QCOMPARE(child<QLineEdit>(&d, u"node_name"_s)->text(), u"ams1-rt1"_s);
    answerDiscardQuestion(QMessageBox::Discard);
    click(&d, u"cancelButton"_s);
    QVERIFY(!d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));

    FormDialog untouched(synchronousEvaluator(exampleWizardGenerator()));
    untouched.show();
    click(&untouched, u"cancelButton"_s); // nothing entered: no question
    QVERIFY(!untouched.isVisible());
}

void TestFormWidgets::asynchronousEvaluator()
{
    // Evaluation happens "elsewhere" and answers later, as the console does on a worker.
    QList<QJsonArray> asked;
    QObject context;
    const FormGenerator generator = exampleWizardGenerator();
    const FormEvaluator later = [&asked, &context, generator](const QJsonArray &inputs,
                                                              const FormReply &reply) {
        asked.append(inputs);
        QTimer::singleShot(20, &context,
                           [generator, inputs, reply] { reply(runForm(generator, {}, inputs)); });
    };
    FormDialog d(later);
    QSignalSpy busy(&d, &FormDialog::busyChanged);
    d.show();
    QVERIFY(d.isBusy());
    QVERIFY(!child<QPushButton>(&d, u"nextButton"_s)->isEnabled());
    QTRY_VERIFY(d.currentPage());
    QVERIFY(!d.isBusy());
    QCOMPARE(busy.count(), 2);
    type(&d, u"node_name"_s, u"lon1-x"_s);
    click(&d, u"site_lon1"_s);
    type(&d, u"loopback"_s, u"192.0.2.9"_s);
    click(&d, u"nextButton"_s);
    click(&d, u"nextButton"_s); // ignored while busy
    QTRY_COMPARE(d.pageIndex(), 1);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.last().size(), 1);
    QCOMPARE(child<QLabel>(&d, u"pageTitle"_s)->text(), u"Remote hands"_s);
}

void TestFormWidgets::pickerDropsStaleReplies()
{
    StaticPickerProvider provider;
    provider.setItems(PickerKind::Product,
                      {{u"a"_s, u"Alpha"_s, {}, {}, {}, {}}, {u"b"_s, u"Beta"_s, {}, {}, {}, {}}});
    provider.setDelay(50);
    FormPageWidget page(FormPage(u"P"_s, {Field::product(u"product_id"_s)}), &provider);
    auto *combo = child<QComboBox>(&page, u"product_id"_s);
    auto *search = child<QLineEdit>(&page, u"product_id_search"_s);
    page.setValues(QJsonObject {{u"product_id"_s, u"b"_s}}); // before any answer arrived
    QCOMPARE(page.values().value(u"product_id"_s).toString(), u"b"_s);
    QTest::keyClicks(search, u"Alp"_s);
    QTRY_COMPARE(provider.lookupCount(), 2);
    QTRY_VERIFY(combo->findData(u"a"_s) > 0);
    QCOMPARE(combo->findData(u"a"_s), 1);
    // "b" is not in this search's results, but the earlier answer is kept.
    QCOMPARE(page.values().value(u"product_id"_s).toString(), u"b"_s);
}

void TestFormWidgets::listHonoursMinAndMaxItems()
{
    FormPageWidget page(galleryPage());
    auto *add = child<QPushButton>(&page, u"dns_servers_add"_s);
    QVERIFY(!child<QPushButton>(&page, u"dns_servers_remove_0"_s)->isEnabled()); // min 1
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(child<QPushButton>(&page, u"dns_servers_remove_0"_s)->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(child<QLineEdit>(&page, u"dns_servers_2"_s));
    QVERIFY(!add->isEnabled()); // max 3
    QTest::keyClicks(child<QLineEdit>(&page, u"dns_servers_2"_s), u"192.0.2.3"_s);
    QTest::mouseClick(child<QPushButton>(&page, u"dns_servers_remove_0"_s), Qt::LeftButton);
    QTRY_VERIFY(!child<QLineEdit>(&page, u"dns_servers_2"_s));
    QVERIFY(add->isEnabled());
    QCOMPARE(child<QLineEdit>(&page, u"dns_servers_1"_s)->text(), u"192.0.2.3"_s);
    QCOMPARE(page.values().value(u"dns_servers"_s).toArray(),
             (QJsonArray {QJsonValue(), u"192.0.2.3"_s}));
}

namespace {

// A name, then a summary of it to confirm: the shape of the console's create forms.
FormGenerator nameThenSummary()
{
    return [](FormSession &session) {
        const QJsonObject first = session.page(
            FormPage(u"Name"_s, {Field::text(u"name"_s).label(u"Name"_s).length(2, 40)}));
        SummaryData summary;
        summary.headers = {u"Value"_s};
        summary.labels = {u"Name"_s};
        summary.columns = {{first.value(u"name").toString()}};
        session.page(FormPage(u"Summary"_s, {Field::summary(u"summary"_s, summary)}));
        return QJsonObject {};
    };
}

} // namespace

void TestFormWidgets::lastPageSaysWhatItDoes()
{
    FormDialog d(synchronousEvaluator(nameThenSummary()));
    d.setFinishText(u"&Start"_s);
    d.show();
    QVERIFY(QTest::qWaitForWindowActive(&d));
    auto *next = child<QPushButton>(&d, u"nextButton"_s);
    auto *step = child<QLabel>(&d, u"pageStep"_s);
    QCOMPARE(next->text(), u"&Next >"_s);
    QCOMPARE(step->text(), u"Page 1"_s);
    type(&d, u"name"_s, u"Alice"_s);
    // The answers as they stand lead to another page, the summary, which ends the form.
    QTRY_COMPARE(step->text(), u"Page 1 of 2"_s);
    QVERIFY(!d.isLastPage());
    QCOMPARE(next->text(), u"&Next >"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 1);
    QTRY_VERIFY(d.isLastPage());
    QCOMPARE(next->text(), u"&Start"_s);
    QCOMPARE(step->text(), u"Page 2 of 2"_s);
    QVERIFY(next->isDefault());
    // Enter on the summary starts; it never lands on Cancel (which asks to discard).
    QVERIFY(QApplication::focusWidget() != child<QWidget>(&d, u"cancelButton"_s));
    QVERIFY(!child<QPushButton>(&d, u"cancelButton"_s)->autoDefault());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.userInputs().at(0).toObject().value(u"name"_s).toString(), u"Alice"_s);
}

void TestFormWidgets::errorClearsWhenTheValueChanges()
{
    FormDialog d(synchronousEvaluator(nameThenSummary()));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    type(&d, u"name"_s, u"A"_s);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 0);
    QVERIFY(!errorUnder(d, u"name"_s).isEmpty());
    QTest::keyClicks(child<QLineEdit>(&d, u"name"_s), u"l"_s);
    QVERIFY2(errorUnder(d, u"name"_s).isEmpty(), qPrintable(errorUnder(d, u"name"_s)));
}

void TestFormWidgets::pickerKeepsTheNameOfAnEarlierChoice()
{
    StaticPickerProvider provider;
    provider.setItems(PickerKind::Product,
                      {{u"a"_s, u"Alpha"_s, {}, {}, {}, {}}, {u"b"_s, u"Beta"_s, {}, {}, {}, {}}});
    FormPageWidget page(FormPage(u"P"_s, {Field::product(u"product_id"_s)}), &provider);
    auto *combo = child<QComboBox>(&page, u"product_id"_s);
    QTRY_VERIFY(combo->findData(u"b"_s) > 0);
    combo->setCurrentIndex(combo->findData(u"b"_s));
    emit combo->activated(combo->currentIndex());
    // A search that does not list the choice keeps it, by its name, not its id.
    QTest::keyClicks(child<QLineEdit>(&page, u"product_id_search"_s), u"Alp"_s);
    QTRY_VERIFY(combo->findData(u"a"_s) > 0);
    QCOMPARE(page.values().value(u"product_id"_s).toString(), u"b"_s);
    QCOMPARE(combo->currentText(), u"Beta"_s);
}

void TestFormWidgets::customerIsOneControlThatTakesNewText()
{
    StaticPickerProvider provider;
    provider.setItems(
        PickerKind::Customer,
        {{u"acme"_s, u"acme"_s, {}, {}, {}, {}}, {u"c-42"_s, u"Globex"_s, {}, {}, {}, {}}});
    FormPageWidget page(FormPage(u"P"_s, {Field::customer(u"customer_id"_s)}), &provider);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *combo = child<QComboBox>(&page, u"customer_id"_s);
    QVERIFY(combo && combo->isEditable());
    QVERIFY(!child<QLineEdit>(&page, u"customer_id_search"_s)); // no second control
    QTRY_COMPARE(combo->count(), 2);
    // A known customer, chosen from the list: its id.
    combo->setCurrentIndex(combo->findData(u"c-42"_s));
    emit combo->activated(combo->currentIndex());
    QCOMPARE(page.values().value(u"customer_id"_s).toString(), u"c-42"_s);
    // A new one, typed: the text itself, at once, without picking it from anywhere.
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), u"initech"_s);
    QCOMPARE(page.values().value(u"customer_id"_s).toString(), u"initech"_s);
    // The known customers complete what is typed.
    QVERIFY(combo->completer());
    QCOMPARE(combo->completer()->filterMode(), Qt::MatchContains);
    // Given back (Previous), it shows again.
    page.setValues(QJsonObject {{u"customer_id"_s, u"c-42"_s}});
    QCOMPARE(combo->currentText(), u"Globex"_s);
    QCOMPARE(page.values().value(u"customer_id"_s).toString(), u"c-42"_s);
}

void TestFormWidgets::rejectedChoiceIsNoLongerOffered()
{
    // Between showing the page and Next, node "a" was taken elsewhere: the generator no longer
    // offers it and refuses it. The drop-down must follow, not keep offering "a".
    int calls = 0;
    const FormEvaluator evaluator = [&calls](const QJsonArray &inputs, const FormReply &reply) {
        ++calls;
        QList<Choice> choices {{u"a"_s, u"Alpha"_s}, {u"b"_s, u"Beta"_s}};
        if (calls > 1)
            choices.removeFirst();
        const FormGenerator generator = [choices](FormSession &session) {
            session.page(FormPage(
                u"Pick"_s,
                {Field::choice(u"node"_s, choices).label(u"Node"_s).style(ChoiceStyle::DropDown)}));
            return QJsonObject {};
        };
        reply(runForm(generator, {}, inputs));
    };
    FormDialog d(evaluator);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto *node = child<QComboBox>(&d, u"node"_s);
    QVERIFY(node);
    const int a = node->findData(u"a"_s);
    QVERIFY(a >= 0);
    node->setCurrentIndex(a);
    emit node->activated(a);
    click(&d, u"nextButton"_s);
    QCOMPARE(d.pageIndex(), 0);
    node = child<QComboBox>(&d, u"node"_s);
    QVERIFY(node);
    QCOMPARE(node->findData(u"a"_s), -1);
    QVERIFY(node->findData(u"b"_s) >= 0);
    QVERIFY(!child<QLabel>(&d, u"formErrorSummary"_s)->isHidden());
}

void TestFormWidgets::rowsStayAtTheTopOfATallPage()
{
    // A summary and a note on a page much taller than they need: they sit at the top, one
    // under the other, and the room to spare is below them.
    SummaryData data;
    data.headers = {u"Value"_s};
    data.labels = {u"Customer"_s, u"Node"_s};
    data.columns = {{u"acme"_s, u"ams-rt1"_s}};
    FormPageWidget page(
        FormPage(u"Summary"_s, {Field::summary(u"summary"_s, data), Field::longText(u"note"_s)}));
    page.resize(640, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QWidget>(&page, u"summary"_s);
    auto *note = child<QWidget>(&page, u"note"_s);
    QVERIFY(table && note);
    const QRect tableRect(table->mapTo(&page, QPoint(0, 0)), table->size());
    const QRect noteRect(note->mapTo(&page, QPoint(0, 0)), note->size());
    QVERIFY2(tableRect.top() < 40, qPrintable(QString::number(tableRect.top())));
    QVERIFY2(noteRect.top() - tableRect.bottom() < 40,
             qPrintable(u"%1 after %2"_s.arg(noteRect.top()).arg(tableRect.bottom())));
    QVERIFY2(noteRect.bottom() < page.height() / 2, qPrintable(QString::number(noteRect.bottom())));
}

void TestFormWidgets::unavailableEntriesAreDisabledWithTheReason()
{
    StaticPickerProvider provider;
    provider.setItems(PickerKind::Subscription,
                      {{u"a"_s, u"ams-rt1"_s, {}, {}, {}, {}},
                       {u"b"_s, u"ams-rt2"_s, {}, {}, {}, {}},
                       {u"c"_s, u"ams-rt3"_s, {}, {}, {}, {}}});
    PickerFilter filter;
    filter.unavailable.insert(u"a"_s, u"The node has a system service already: x."_s);
    FormPageWidget page(FormPage(u"P"_s, {Field::subscription(u"node"_s).filter(filter)}),
                        &provider);
    auto *combo = child<QComboBox>(&page, u"node"_s);
    QTRY_COMPARE(combo->count(), 4); // "Choose…" and the three
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    QVERIFY(model);
    // The ones that can be chosen first; the taken one last, disabled, saying why.
    QCOMPARE(combo->itemData(1).toString(), u"b"_s);
    QCOMPARE(combo->itemData(2).toString(), u"c"_s);
    QCOMPARE(combo->itemData(3).toString(), u"a"_s);
    QVERIFY(model->item(1)->isEnabled() && model->item(2)->isEnabled());
    QVERIFY(!model->item(3)->isEnabled());
    QVERIFY2(combo->itemText(3).contains(u"ams-rt1"_s), qPrintable(combo->itemText(3)));
    QCOMPARE(combo->itemData(3, Qt::ToolTipRole).toString(),
             u"The node has a system service already: x."_s);
    // The keyboard walks past it.
    combo->setCurrentIndex(2);
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), 2);
}

QTEST_MAIN(TestFormWidgets)
#include "tst_formwidgets.moc"
