#include "domainscreens.h"

#include "newsubscriptiondialog.h"
#include "repositorypickerprovider.h"
#include "subscriptiondetailview.h"
#include "subscriptionspage.h"

#include "common/consolecontext.h"
#include "common/presentation.h"
#include "mainwindow.h"
#include "metadata/metadatapage.h"
#include "start/startpage.h"

#include "store/subscriptionrepository.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

StartPage::CardLoader subscriptionCard(const QString &search)
{
    return [search](const store::Database &database) {
        store::SubscriptionRepository repository(database);
        store::SubscriptionQuery query;
        query.search = search;
        query.limit = 5;
        CardData data;
        data.count = repository.count(query);
        for (const QJsonValue &value : repository.list(query)) {
            const QJsonObject s = value.toObject();
            data.rows.append(QJsonObject {
                {u"id"_s, s.value(u"subscription_id")},
                {u"kind"_s, u"subscription"_s},
                {u"text"_s, s.value(u"description")},
                {u"detail"_s,
                 u"%1 · %2"_s.arg(s.value(u"status").toString(),
                                  formatTime(s.value(u"last_modified_at").toString()))},
                {u"status"_s,
                 s.value(u"insync").toBool() ? s.value(u"status").toString() : u"failed"_s}});
        }
        return data;
    };
}

} // namespace

void installDomainScreens(MainWindow *window, const ConstraintSettings &settings)
{
    ConsoleContext *context = window->context();
    context->setPickerProvider(new RepositoryPickerProvider(context, context));

    auto *page = new SubscriptionsPage(context, window);
    window->setSubscriptionsPage(page);
    auto *detail = new SubscriptionDetailView(context, settings, window);
    window->setSubscriptionDetail(detail);
    QObject::connect(detail, &SubscriptionDetailView::backRequested, window, &MainWindow::back);
    QObject::connect(window, &MainWindow::searchRequested, page, &SubscriptionsPage::focusSearch);
    QObject::connect(window, &MainWindow::newSubscriptionRequested, window, [window, context] {
        auto *dialog = new NewSubscriptionDialog(context, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    StartPage *start = window->startPage();
    start->addCard(u"outOfSyncCard"_s,
                   QCoreApplication::translate("wfo::console", "Out-of-sync subscriptions"),
                   QCoreApplication::translate("wfo::console", "All subscriptions"),
                   subscriptionCard(u"insync:false"_s), u"subscriptions"_s);
    start->addCard(u"latestSubscriptionsCard"_s,
                   QCoreApplication::translate("wfo::console", "Latest subscriptions"),
                   QCoreApplication::translate("wfo::console", "All subscriptions"),
                   subscriptionCard(QString()), u"subscriptions"_s);

    MetadataPage *metadata = window->metadataPage();
    auto title = [](const char *text) {
        return QCoreApplication::translate("wfo::console", text);
    };
    metadata->addTable(u"productsTable"_s, title("Products"),
                       {{u"name"_s, title("Name")},
                        {u"tag"_s, title("Tag")},
                        {u"product_type"_s, title("Type")},
                        {u"status"_s, title("Status")},
                        {u"description"_s, title("Description")},
                        {u"workflows"_s, title("Workflows")}},
                       [](const store::Database &database) {
                           return store::SubscriptionRepository(database).products();
                       });
    metadata->addTable(u"productBlocksTable"_s, title("Product blocks"),
                       {{u"name"_s, title("Name")},
                        {u"tag"_s, title("Tag")},
                        {u"status"_s, title("Status")},
                        {u"description"_s, title("Description")},
                        {u"resource_types"_s, title("Resource types")}},
                       [](const store::Database &database) {
                           QJsonArray rows =
                               store::SubscriptionRepository(database).productBlocks();
                           for (qsizetype i = 0; i < rows.size(); ++i) {
                               QJsonObject row = rows.at(i).toObject();
                               QJsonArray names;
                               for (const QJsonValue &r : row.value(u"resources").toArray())
                                   names.append(r.toObject().value(u"resource_type"));
                               row.insert(u"resource_types"_s, names);
                               rows[i] = row;
                           }
                           return rows;
                       });
    metadata->addTable(
        u"resourceTypesTable"_s, title("Resource types"),
        {{u"resource_type"_s, title("Resource type")}, {u"description"_s, title("Description")}},
        [](const store::Database &database) {
            return store::SubscriptionRepository(database).resourceTypes();
        });
}

} // namespace wfo::console
