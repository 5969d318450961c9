#pragma once
// Where the console keeps database passwords: the system keychain through qtkeychain
// (asynchronous jobs, never blocking the GUI), else, when there is none (no Secret Service on
// the session bus, a build without qtkeychain, or $WFO_NO_KEYCHAIN=1), only in this process's
// memory for the session. A password is never written to QSettings.

#include <QObject>
#include <QString>

#include <optional>

class QTimer;

namespace wfo::console {

struct PasswordResult
{
    enum class Outcome {
        Done, // read: found; write: stored
        NotFound, // read: the keychain has no entry for this key
        NoKeychain, // no system keychain to ask (message says why)
        Failed, // the keychain answered with an error (denied, ...)
    };
    Outcome outcome = Outcome::NoKeychain;
    QString password; // read, when Done
    QString message;
    bool fromSession = false; // read: found in this session's memory, not in the keychain
};

class PasswordStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordStore)

public:
    explicit PasswordStore(QObject *parent = nullptr);
    ~PasswordStore() override;

    // False without qtkeychain or with $WFO_NO_KEYCHAIN set (tests and machines without one).
    static bool keychainEnabled();
    static QString serviceName();
    // Why keychainEnabled() is false.
    static QString disabledReason();
    // How long a keychain that does not answer is waited for.
    void setTimeout(int ms);

    // Each emits finished() once. read() looks in this session's memory first.
    void read(const QString &key);
    void write(const QString &key, const QString &password);

    // This session's memory: the fallback when there is no keychain.
    static void keepForSession(const QString &key, const QString &password);
    static std::optional<QString> sessionPassword(const QString &key);
    static void forgetSession(const QString &key);

signals:
    void finished(const QString &key, const wfo::console::PasswordResult &result);

private:
    void finish(quint64 request, const QString &key, const PasswordResult &result);
    void startTimeout(quint64 request, const QString &key);

    quint64 m_request = 0;
    quint64 m_answered = 0; // requests are answered in order; older answers are dropped
    int m_timeoutMs = 8000;
};

} // namespace wfo::console
