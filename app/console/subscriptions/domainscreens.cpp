#include "domainscreens.h"

#include "mainwindow.h"
#include "settings/apipanel.h"
#include "settings/settingspage.h"

#include "newsubscriptiondialog.h"
#include "repositorypickerprovider.h"
#include "subscriptiondetailview.h"
#include "subscriptionspage.h"

#include <QLineEdit>

#include "common/consolecontext.h"
#include "consolescreens.h"
#include "mainwindow.h"

#include "queries/catalogue.h"
#include "queries/startcards.h"

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

StartPage::CardLoader subscriptionCard(const QString &search)
{
    return [search](const store::Database &database) {
        return queries::StartCardQuery::subscriptions(database, search);
    };
}

} // namespace

void DomainScreens::contribute(ConsoleScreens &screens, ConsoleContext *context,
                               const ConstraintSettings &settings, const PackContributions &packs)
{
    context->setPickerProvider(new RepositoryPickerProvider(context, context));

    auto *page = new SubscriptionsPage(context);
    auto *detail = new SubscriptionDetailView(context, settings);
    QObject::connect(detail, &SubscriptionDetailView::backRequested, context,
                     &ConsoleContext::backRequested);
    ConsoleScreens::Subscriptions subscriptions;
    subscriptions.page = page;
    subscriptions.detail = detail;
    subscriptions.open = [detail](const QString &id) {
        detail->setSubscription(id);
    };
    subscriptions.search = [page](const QString &search, int tab) {
        page->setTab(SubscriptionsPage::Tab(tab));
        page->searchBox()->setText(search);
        page->applySearch();
    };
    subscriptions.focusSearch = [page] {
        page->focusSearch();
    };
    subscriptions.newSubscription = [context](QWidget *parent) {
        auto *dialog = new NewSubscriptionDialog(context, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    };
    screens.setSubscriptions(subscriptions);

    screens.addStartCard({u"outOfSyncCard"_s, tr("Out-of-sync subscriptions"),
                          tr("All subscriptions"), subscriptionCard(u"insync:false"_s),
                          u"subscriptions"_s});
    // The count is the total of active subscriptions (the card lists the latest changed).
    screens.addStartCard({u"activeSubscriptionsCard"_s, tr("Active subscriptions"),
                          tr("All active subscriptions"), subscriptionCard(u"status:active"_s),
                          u"subscriptions"_s, SubscriptionsPage::All, u"status:active"_s});
    screens.addStartCard({u"latestSubscriptionsCard"_s, tr("Latest subscriptions"),
                          tr("All subscriptions"), subscriptionCard(QString()),
                          u"subscriptions"_s});
    // Products with their active subscriptions; a row opens the list searched for one.
    screens.addStartCard({u"productsCard"_s, tr("Products"), tr("All subscriptions"),
                          productsLoader(), u"subscriptions"_s, SubscriptionsPage::All});
    for (const SubscriptionView &view : packs.views) {
        screens.addStartCard({view.name, QCoreApplication::translate(view.context, view.title),
                              tr("All subscriptions"), subscriptionCard(view.search),
                              u"subscriptions"_s});
    }

    screens.addMetadataTable({u"productsTable"_s,
                              tr("Products"),
                              {{u"name"_s, tr("Name")},
                               {u"tag"_s, tr("Tag")},
                               {u"product_type"_s, tr("Type")},
                               {u"status"_s, tr("Status")},
                               {u"description"_s, tr("Description")},
                               {u"workflows"_s, tr("Workflows")}},
                              &queries::CatalogueQuery::products});
    screens.addMetadataTable({u"productBlocksTable"_s,
                              tr("Product blocks"),
                              {{u"name"_s, tr("Name")},
                               {u"tag"_s, tr("Tag")},
                               {u"status"_s, tr("Status")},
                               {u"description"_s, tr("Description")},
                               {u"resource_types"_s, tr("Resource types")}},
                              &queries::CatalogueQuery::productBlocks});
    screens.addMetadataTable(
        {u"resourceTypesTable"_s,
         tr("Resource types"),
         {{u"resource_type"_s, tr("Resource type")}, {u"description"_s, tr("Description")}},
         &queries::CatalogueQuery::resourceTypes});
    for (const CatalogueTable &table : packs.tables) {
        QList<JsonTable::Column> columns;
        for (const CatalogueTable::Column &column : table.columns)
            columns.append({column.key, QCoreApplication::translate(table.context, column.title)});
        screens.addMetadataTable({table.name,
                                  QCoreApplication::translate(table.context, table.title), columns,
                                  table.rows});
    }
}

void installDomainScreens(MainWindow *window, const ConstraintSettings &settings,
                          const DomainScreens::PackContributions &packs)
{
    window->settingsPage()->apiPanel()->setConstraintSettings(settings);
    ConsoleScreens screens;
    DomainScreens::contribute(screens, window->context(), settings, packs);
    window->install(screens);
}

} // namespace wfo::console
