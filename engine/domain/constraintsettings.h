#pragma once
// The three settings that decide which workflows may run on a subscription, with the names
// and defaults of orchestrator-core, plus DEFAULT_PRODUCT_WORKFLOWS:
//   WF_USABLE_MAP                           {"workflow": ["active", ...]}: usable statuses
//   WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS   {"workflow": true}: blocked while in use by others
//   WF_USABLE_WHILE_OUT_OF_SYNC             ["workflow", ...]: may run when not in sync
//   DEFAULT_PRODUCT_WORKFLOWS               ["modify_note"]: linked to every product
// Packs set them from code; a settings file and then the environment override (later wins).

#include "base/status.h"
#include "wfo_engine_export.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace wfo {

class WFO_ENGINE_EXPORT ConstraintSettings
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ConstraintSettings)

public:
    QHash<QString, QStringList> usableMap;
    QHash<QString, bool> blockedByInUseBy;
    QStringList usableWhileOutOfSync {QStringLiteral("modify_note")};
    QStringList defaultProductWorkflows {QStringLiteral("modify_note")};

    // Applies the keys present in `settings`; problems are appended to `errors`.
    void merge(const QJsonObject &settings, QStringList *errors);
    bool loadFile(const QString &path, QStringList *errors); // a missing file is fine
    void applyEnvironment(QStringList *errors);
    // $WFO_SETTINGS_FILE, else orchestrator-console/settings.json in the user's config folder.
    static QString defaultFilePath();

    QStringList usableStatuses(const QString &workflow, Target target) const;
    bool blockedWhileInUse(const QString &workflow, Target target) const;
    bool usableOutOfSync(const QString &workflow, bool isTask) const;
};

} // namespace wfo
