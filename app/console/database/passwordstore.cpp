#include "passwordstore.h"

#include <QHash>
#include <QMutex>
#include <QTimer>

#ifdef WFO_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

QMutex s_sessionMutex;
QHash<QString, QString> &sessionPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

#ifdef WFO_HAVE_KEYCHAIN
PasswordResult resultOf(const QKeychain::Job *job)
{
    PasswordResult result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.outcome = PasswordResult::Outcome::Done;
        break;
    case QKeychain::EntryNotFound:
        result.outcome = PasswordResult::Outcome::NotFound;
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
        result.outcome = PasswordResult::Outcome::Failed;
        result.message = job->errorString();
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // Without a Secret Service or KWallet on the session bus qtkeychain answers with one
        // of these: for the operator it is the same, there is no keychain to use.
        result.outcome = PasswordResult::Outcome::NoKeychain;
        result.message = job->errorString();
        break;
    }
    return result;
}
#endif

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{ }

PasswordStore::~PasswordStore() = default;

bool PasswordStore::keychainEnabled()
{
#ifdef WFO_HAVE_KEYCHAIN
    return qEnvironmentVariableIsEmpty("WFO_NO_KEYCHAIN");
#else
    return false;
#endif
}

QString PasswordStore::disabledReason()
{
#ifdef WFO_HAVE_KEYCHAIN
    return tr("turned off by WFO_NO_KEYCHAIN");
#else
    return tr("this build has no keychain support");
#endif
}

QString PasswordStore::serviceName()
{
    return u"orchestrator-console"_s;
}

void PasswordStore::setTimeout(int ms)
{
    m_timeoutMs = ms;
}

void PasswordStore::read(const QString &key)
{
    const quint64 request = ++m_request;
    if (const auto password = sessionPassword(key)) {
        PasswordResult result;
        result.outcome = PasswordResult::Outcome::Done;
        result.password = *password;
        result.fromSession = true;
        QTimer::singleShot(0, this, [this, request, key, result] { finish(request, key, result); });
        return;
    }
#ifdef WFO_HAVE_KEYCHAIN
    if (keychainEnabled()) {
        auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
        job->setKey(key);
        job->setInsecureFallback(false); // never a plain-text file
        connect(job, &QKeychain::Job::finished, this, [this, request, key](QKeychain::Job *done) {
            PasswordResult result = resultOf(done);
            if (result.outcome == PasswordResult::Outcome::Done)
                result.password = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
            finish(request, key, result);
        });
        job->start();
        startTimeout(request, key);
        return;
    }
#endif
    PasswordResult result;
    result.outcome = PasswordResult::Outcome::NoKeychain;
    result.message = disabledReason();
    QTimer::singleShot(0, this, [this, request, key, result] { finish(request, key, result); });
}

void PasswordStore::write(const QString &key, const QString &password)
{
    const quint64 request = ++m_request;
#ifdef WFO_HAVE_KEYCHAIN
    if (keychainEnabled()) {
        auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
        job->setKey(key);
        job->setInsecureFallback(false);
        job->setTextData(password);
        connect(job, &QKeychain::Job::finished, this, [this, request, key](QKeychain::Job *done) {
            finish(request, key, resultOf(done));
        });
        job->start();
        startTimeout(request, key);
        return;
    }
#else
    Q_UNUSED(password)
#endif
    PasswordResult result;
    result.outcome = PasswordResult::Outcome::NoKeychain;
    result.message = disabledReason();
    QTimer::singleShot(0, this, [this, request, key, result] { finish(request, key, result); });
}

void PasswordStore::startTimeout(quint64 request, const QString &key)
{
    QTimer::singleShot(m_timeoutMs, this, [this, request, key] {
        PasswordResult result;
        result.outcome = PasswordResult::Outcome::NoKeychain;
        result.message = tr("the system keychain does not answer");
        finish(request, key, result);
    });
}

void PasswordStore::finish(quint64 request, const QString &key, const PasswordResult &result)
{
    // One answer per request (the job or its timeout, whichever comes first), none for a
    // request overtaken by a newer one.
    if (request <= m_answered || request != m_request)
        return;
    m_answered = request;
    emit finished(key, result);
}

void PasswordStore::keepForSession(const QString &key, const QString &password)
{
    const QMutexLocker locker(&s_sessionMutex);
    sessionPasswords().insert(key, password);
}

std::optional<QString> PasswordStore::sessionPassword(const QString &key)
{
    const QMutexLocker locker(&s_sessionMutex);
    const auto it = sessionPasswords().constFind(key);
    if (it == sessionPasswords().constEnd())
        return std::nullopt;
    return *it;
}

void PasswordStore::forgetSession(const QString &key)
{
    const QMutexLocker locker(&s_sessionMutex);
    sessionPasswords().remove(key);
}

} // namespace wfo::console
